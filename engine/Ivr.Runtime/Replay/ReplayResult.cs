namespace Ivr.Runtime.Replay;

/// <summary>How one script ran: passed, or the first divergence, with the call's events either way.</summary>
public sealed record ReplayResult(ReplayScript Script, string? Failure, IReadOnlyList<CallEvent> Events, string? Disposition, TimeSpan CallLength)
{
    public bool Passed => Failure is null;
}
