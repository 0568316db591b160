namespace Ivr.Flows.Loading;

/// <summary>A flow as read from its file, with what linking and validation need besides the model.</summary>
internal sealed class FlowDraft(Flow flow, FlowFileContext context, FlowDefaults defaults, IReadOnlySet<string> brokenNodes)
{
    public Flow Flow { get; } = flow;

    public FlowFileContext Context { get; } = context;

    public FlowDefaults Defaults { get; } = defaults;

    /// <summary>Nodes written but not built (unknown kind, not a map): references to them are not reported again.</summary>
    public IReadOnlySet<string> BrokenNodes { get; } = brokenNodes;

    /// <summary>The file as diagnostics name it (relative to the current directory).</summary>
    public string FilePath => Context.Path;

    public SourceMap Sources => Context.Sources;
}
