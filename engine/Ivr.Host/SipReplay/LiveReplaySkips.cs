using Ivr.Runtime.Replay;

namespace Ivr.Host.SipReplay;

/// <summary>
/// Why a script cannot run against a live server: it needs something only the simulated replay can
/// stage — a stubbed back end, an agent who answers, a fax machine, a flow variable set before the call, or a
/// moment other than now (the server's own clock decides holidays and hours).
/// </summary>
public static class LiveReplaySkips
{
    private static readonly DateTimeOffset DefaultStart = new ReplayScript { Path = "", Name = "", Steps = [] }.At;

    /// <summary>The reason to skip <paramref name="script"/>, or null when it can run live.</summary>
    public static string? Reason(ReplayScript script)
    {
        if (script.Lookups.Count > 0) return $"needs a lookup stub ({string.Join(", ", script.Lookups.Keys)})";
        if (script.Agents.Count > 0 || script.Steps.Any(s => s.Kind == ReplayStepKind.ExpectTransfer))
            return "needs an agent stand-in to take the transfer";
        if (script.Fax is not null || script.Steps.Any(s => s.Kind == ReplayStepKind.ExpectFax))
            return "needs a fax machine on the caller's line (the replaying caller answers no T.30)";
        if (script.Variables.Count > 0) return $"sets flow variables before the call ({string.Join(", ", script.Variables.Keys)})";
        if (script.At != DefaultStart) return $"runs at {script.At:yyyy-MM-dd HH:mm zzz}; a live server keeps its own clock";
        return null;
    }
}
