namespace Ivr.OperationsConsole.Drafts;

/// <summary>A check of a draft: the validator's diagnostics (paths as the draft names them) and, when asked, the replay gate.</summary>
public sealed record DraftCheckReport(bool Valid, string? Version, IReadOnlyList<DraftDiagnostic> Diagnostics, ReplayReport? Replay)
{
    public int Errors => Diagnostics.Count(d => d.Severity == "error");

    public int Warnings => Diagnostics.Count - Errors;

    /// <summary>Whether a script the serving set passes fails on the draft (then submitting needs a written reason).</summary>
    public bool BreaksScripts => Replay is { Failed: > 0 };
}
