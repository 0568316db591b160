using System.Data.Common;
using Dapper;
using Ivr.Data.Calls;
using Ivr.Data.Operations;

namespace Ivr.Data.Rollups;

/// <summary>
/// Adds ended calls to the rollups inside the caller's transaction and marks them <c>rolled_up</c> there, so a
/// call is counted exactly once whichever path rolls it up (the recorder as it ends, or the catch-up). The same
/// statement keeps the call's path on its row (<c>calls.path</c>, <see cref="CallPathText"/>); the call's survey answers
/// are rolled up with it (<see cref="SurveyRollup"/>).
/// </summary>
internal static class CallRollupWriter
{
    /// <summary>The most calls read at once (SQLite binds one parameter per id).</summary>
    public const int Chunk = CallEventWalk.Chunk;

    private static readonly RowsStatement MarkRolledUp = new(new("UPDATE calls SET rolled_up = 1, path = @path WHERE id = @id;", "@id", "@path"), """
        UPDATE calls SET rolled_up = 1, path = m.path FROM unnest($1::text[], $2::text[]) AS m (id, path) WHERE calls.id = m.id;
        """);

    /// <param name="statements">SQLite: statements kept prepared across transactions (the call recorder's); null prepares them anew.</param>
    /// <returns>The calls rolled up: those of <paramref name="ids"/> that have ended and were not yet.</returns>
    public static int RollUp(DbConnection connection, DbTransaction? transaction, IReadOnlyCollection<string> ids, SqliteStatementCache? statements = null)
    {
        var done = 0;
        foreach (var chunk in ids.Distinct(StringComparer.Ordinal).Chunk(Chunk)) done += RollUpChunk(connection, transaction, chunk, statements);
        return done;
    }

    /// <summary>A chunk of calls in a fixed number of statements on PostgreSQL, however many calls and rollup rows: three reads
    /// (the calls, their events, their survey answers), one upsert per rollup table (<see cref="RollupTally"/>), one update
    /// marking the calls (and one the answers) rolled up.</summary>
    private static int RollUpChunk(DbConnection connection, DbTransaction? transaction, string[] ids, SqliteStatementCache? statements)
    {
        var calls = connection.Query<(string Id, string FlowVersion, string StartedAt, string EndedAt, string? Disposition, string? Node)>(
            $"SELECT id, flow_version, started_at, ended_at, disposition, node FROM calls WHERE rolled_up = 0 AND ended_at IS NOT NULL AND {connection.InList("id", "ids")};",
            new { ids }, transaction).ToList();
        if (calls.Count == 0) return 0;
        var walked = CallEventWalk.Read(connection, transaction, calls.Select(c => c.Id).ToArray());

        var tally = new RollupTally();
        using var batch = new StatementBatch(connection, transaction, statements);
        var marked = new GatheredRows(batch, MarkRolledUp);
        foreach (var c in calls)
        {
            var (path, served) = walked.GetValueOrDefault(c.Id) ?? new WalkedCall([], false);
            tally.Add(new CallFacts(c.Id, c.FlowVersion, DbTime.FromText(c.StartedAt), DbTime.FromText(c.EndedAt), c.Disposition ?? "", served, path), c.Node, c.StartedAt);
            marked.Add(c.Id, CallPathText.Join(path));
        }
        marked.Queue();
        SurveyRollup.RollUp(connection, transaction, calls.ToDictionary(c => c.Id, c => c.FlowVersion, StringComparer.Ordinal), tally, batch);
        tally.Write(connection, transaction, statements);
        batch.Execute();
        return calls.Count;
    }
}
