using Ivr.Core.Fax;

namespace Ivr.Runtime.Replay;

/// <summary>A recorded or hand-written call: who calls, what the back end answers, and the steps.</summary>
public sealed record ReplayScript
{
    public required string Path { get; init; }

    public required string Name { get; init; }

    public string Caller { get; init; } = "13000000000";

    public string Dialled { get; init; } = "12333";

    /// <summary>When the call starts (the calendar is checked against it). Default: a Monday 10:00 in Beijing.</summary>
    public DateTimeOffset At { get; init; } = new(2026, 11, 23, 10, 0, 0, TimeSpan.FromHours(8));

    /// <summary>Placeholder name → value, from the script's test-data file.</summary>
    public IReadOnlyDictionary<string, string> Data { get; init; } = new Dictionary<string, string>();

    /// <summary>Variables set before the call starts, overriding a flow's initial values (e.g. an announcement switch).</summary>
    public IReadOnlyDictionary<string, string> Variables { get; init; } = new Dictionary<string, string>();

    /// <summary>INVITE headers the caller's side sends (the agents' PBX: <c>X-Ivr-Return</c>, <c>X-Ivr-Purpose</c>).</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();
    /// <summary>The editors' switch values the call starts with (<c>switches:</c>); switches not named keep their flow's value.</summary>
    public IReadOnlyDictionary<string, string> Switches { get; init; } = new Dictionary<string, string>();

    public IReadOnlyDictionary<string, IReadOnlyList<LookupStub>> Lookups { get; init; } = new Dictionary<string, IReadOnlyList<LookupStub>>();

    /// <summary>Queue → how it answers a transfer.</summary>
    public IReadOnlyDictionary<string, string> Agents { get; init; } = new Dictionary<string, string>();

    /// <summary>How the caller's fax machine takes an instant fax; null: every page arrives.</summary>
    public FaxResult? Fax { get; init; }

    /// <summary>How long an instant fax takes on the simulated line.</summary>
    public TimeSpan FaxDuration { get; init; } = TimeSpan.FromSeconds(30);

    public required IReadOnlyList<ReplayStep> Steps { get; init; }
}
