using Ivr.Core.Channel;

namespace Ivr.Flows.Prompts;

/// <summary>Prompts by id, ready to play, and every problem found loading them.</summary>
public sealed record PromptSetLoadResult(IReadOnlyDictionary<string, Prompt> Prompts, IReadOnlyList<Diagnostic> Diagnostics)
{
    public bool HasErrors => Diagnostics.Any(d => d.Severity == Severity.Error);
}
