using Dapper;
using Ivr.Data.Retention;
using Statement = Ivr.Data.StatementBatch.Statement;

namespace Ivr.Data.Calls;

/// <summary>
/// Fills in <c>calls.path</c> of ended calls that lack it — the rows ended before migration 17 — from their events,
/// oldest first, a chunk per transaction (<see cref="PruneBatch.RepeatAsync"/>), found through the partial index of
/// the rows still to do. A call whose events are gone gets an empty path, so every row is visited once.
/// </summary>
internal static class CallPathBackfill
{
    private static readonly Statement SetPath = new("UPDATE calls SET path = @path WHERE id = @id AND path IS NULL;", "@id", "@path");

    /// <returns>The calls whose path was filled in.</returns>
    public static Task<long> RunAsync(IvrDatabase database, CancellationToken cancellation)
        => PruneBatch.RepeatAsync(database, CallEventWalk.Chunk, async (connection, transaction) =>
        {
            var ids = (await connection.QueryAsync<string>(new CommandDefinition(
                "SELECT id FROM calls WHERE path IS NULL AND ended_at IS NOT NULL ORDER BY started_at LIMIT @limit;",
                new { limit = CallEventWalk.Chunk }, transaction, cancellationToken: cancellation))).ToList();
            var walked = CallEventWalk.Read(connection, transaction, ids);
            using var batch = new StatementBatch(connection, transaction);
            foreach (var id in ids) batch.Add(SetPath, id, walked.TryGetValue(id, out var call) ? CallPathText.Join(call.Path) : "");
            batch.Execute();
            return (ids.Count, (long)ids.Count);
        }, cancellation);
}
