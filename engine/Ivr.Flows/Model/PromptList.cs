using Ivr.Core.Channel;

namespace Ivr.Flows.Model;

/// <summary>Prompt ids as written in a node, linked by the loader to the catalog's audio.</summary>
public sealed class PromptList(IReadOnlyList<string> ids, SourceLocation location)
{
    public static readonly PromptList Empty = new([], default);

    public IReadOnlyList<string> Ids { get; } = ids;

    public SourceLocation Location { get; } = location;

    /// <summary>The catalog's prompts, in order; filled when the flow set is linked.</summary>
    public Prompt[] Resolved { get; set; } = [];

    public bool IsEmpty => Ids.Count == 0;

    public override string ToString() => string.Join(", ", Ids);
}
