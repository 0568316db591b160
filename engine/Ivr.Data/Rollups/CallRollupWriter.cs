using System.Data.Common;
using Dapper;
using Ivr.Core.Calls;
using Ivr.Data.Operations;

namespace Ivr.Data.Rollups;

/// <summary>
/// Adds ended calls to the rollups inside the caller's transaction and marks them <c>rolled_up</c> there, so a
/// call is counted exactly once whichever path rolls it up (the recorder as it ends, or the catch-up).
/// </summary>
internal static class CallRollupWriter
{
    /// <summary>The most calls read at once (SQLite binds one parameter per id).</summary>
    public const int Chunk = 500;

    /// <returns>The calls rolled up: those of <paramref name="ids"/> that have ended and were not yet.</returns>
    public static int RollUp(DbConnection connection, DbTransaction transaction, IReadOnlyCollection<string> ids)
    {
        var done = 0;
        foreach (var chunk in ids.Distinct(StringComparer.Ordinal).Chunk(Chunk)) done += RollUpChunk(connection, transaction, chunk);
        return done;
    }

    private static int RollUpChunk(DbConnection connection, DbTransaction transaction, string[] ids)
    {
        var calls = connection.Query<(string Id, string FlowVersion, string StartedAt, string EndedAt, string? Disposition, string? Node)>(
            $"SELECT id, flow_version, started_at, ended_at, disposition, node FROM calls WHERE rolled_up = 0 AND ended_at IS NOT NULL AND {connection.InList("id", "ids")};",
            new { ids }, transaction).ToList();
        if (calls.Count == 0) return 0;
        var found = calls.Select(c => c.Id).ToArray();
        var paths = new Dictionary<string, (List<string> Path, bool Served)>(StringComparer.Ordinal);
        foreach (var (callId, kind, node) in connection.Query<(string CallId, string Kind, string? Node)>($"""
            SELECT call_id, kind, node FROM call_events
            WHERE {connection.InList("call_id", "ids")}
              AND ((kind = '{nameof(CallEventKind.NodeEntered)}' AND node IS NOT NULL) OR kind = '{nameof(CallEventKind.LookupCompleted)}')
            ORDER BY call_id, seq;
            """, new { ids = found }, transaction))
        {
            if (!paths.TryGetValue(callId, out var facts)) paths[callId] = facts = ([], false);
            if (kind == nameof(CallEventKind.LookupCompleted)) paths[callId] = facts with { Served = true };
            else facts.Path.Add(node!);
        }

        var tally = new RollupTally();
        foreach (var c in calls)
        {
            var (path, served) = paths.GetValueOrDefault(c.Id, ([], false));
            tally.Add(new CallFacts(c.Id, c.FlowVersion, DbTime.FromText(c.StartedAt), DbTime.FromText(c.EndedAt), c.Disposition ?? "", served, path), c.Node, c.StartedAt);
        }
        tally.Write(connection, transaction);
        connection.Execute($"UPDATE calls SET rolled_up = 1 WHERE {connection.InList("id", "ids")};", new { ids = found }, transaction);
        return calls.Count;
    }
}
