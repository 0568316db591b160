using System.Data;
using Dapper;

namespace Ivr.Data.Tests.Callers;

/// <summary>Calls and their events written straight into the tables, as the call recorder leaves them.</summary>
internal static class CallerCareTestData
{
    public static readonly DateTimeOffset Start = new(2026, 11, 23, 10, 0, 0, TimeSpan.FromHours(8));

    /// <summary>A call from <paramref name="caller"/> <paramref name="minutes"/> after <see cref="Start"/>, ended with
    /// <paramref name="disposition"/>, with events (kind, outcome) in order.</summary>
    public static async Task CallAsync(IDbConnection connection, string id, string caller, int minutes, string disposition, params (string Kind, string? Outcome)[] events)
    {
        var at = Start.AddMinutes(minutes);
        await connection.ExecuteAsync("""
            INSERT INTO calls (id, caller, caller_masked, dialled, flow, flow_version, started_at, ended_at, disposition)
            VALUES (@id, @caller, 'x', '12333', 'main', 'v1', @started, @ended, @disposition);
            """, new { id, caller, started = DbTime.ToText(at), ended = DbTime.ToText(at.AddMinutes(1)), disposition });
        for (var seq = 0; seq < events.Length; seq++)
            await connection.ExecuteAsync("""
                INSERT INTO call_events (call_id, seq, at, kind, node, outcome, detail, flow_version) VALUES (@id, @seq, @at, @kind, 'n', @outcome, NULL, 'v1');
                """, new { id, seq, at = DbTime.ToText(at.AddSeconds(seq)), kind = events[seq].Kind, outcome = events[seq].Outcome });
    }
}
