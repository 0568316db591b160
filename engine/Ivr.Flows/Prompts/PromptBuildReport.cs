namespace Ivr.Flows.Prompts;

/// <summary>What one run of <see cref="PromptAudioBuilder"/> did, prompt ids per outcome.</summary>
public sealed record PromptBuildReport(
    IReadOnlyList<string> Generated,
    IReadOnlyList<string> Unchanged,
    IReadOnlyList<string> KeptHuman,
    IReadOnlyList<string> Failed,
    IReadOnlyList<Diagnostic> Diagnostics)
{
    public bool HasErrors => Diagnostics.Any(d => d.Severity == Severity.Error);

    public override string ToString() =>
        $"{Generated.Count} generated, {Unchanged.Count} unchanged, {KeptHuman.Count} human kept, {Failed.Count} failed";
}
