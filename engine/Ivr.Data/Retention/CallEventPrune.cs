using System.Data.Common;
using Dapper;

namespace Ivr.Data.Retention;

/// <summary>
/// Deletes the events of calls started before the cutoff; the calls rows (the call summaries) stay. Walks the calls
/// by start time from <c>retention_marks</c> (where the last run stopped), a batch of calls per transaction, each
/// batch's events found by the primary key — no scan of <c>call_events</c>, whatever its size.
/// </summary>
internal static class CallEventPrune
{
    private const string Mark = "call_events";

    public static async Task<long> CountAsync(DbConnection connection, string cutoff, CancellationToken cancellation)
    {
        var from = await MarkAsync(connection, null, cancellation);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition("""
            SELECT COUNT(*) FROM calls c JOIN call_events e ON e.call_id = c.id WHERE c.started_at >= @from AND c.started_at < @cutoff;
            """, new { from, cutoff }, cancellationToken: cancellation));
    }

    public static async Task<long> PruneAsync(IvrDatabase database, string cutoff, int batch, CancellationToken cancellation)
    {
        string from;
        await using (var connection = await database.OpenConnectionAsync(cancellation)) from = await MarkAsync(connection, null, cancellation);
        var (lastAt, lastId) = (from, "");
        return await PruneBatch.RepeatAsync(database, batch, async (connection, transaction) =>
        {
            var calls = (await connection.QueryAsync<(string Id, string StartedAt)>(new CommandDefinition("""
                SELECT id, started_at FROM calls
                WHERE started_at < @cutoff AND (started_at > @lastAt OR (started_at = @lastAt AND id > @lastId))
                ORDER BY started_at, id LIMIT @batch;
                """, new { cutoff, lastAt, lastId, batch }, transaction, cancellationToken: cancellation))).ToList();
            long deleted = 0;
            if (calls.Count > 0)
            {
                var ids = calls.Select(c => c.Id).ToArray();
                deleted = await connection.ExecuteAsync(new CommandDefinition($"DELETE FROM call_events WHERE {connection.InList("call_id", "ids")};",
                    new { ids }, transaction, cancellationToken: cancellation));
                (lastId, lastAt) = calls[^1];
            }

            // Calls that start at the same instant as the last one are looked at again next time (>=): cheap, and never missed.
            await SetMarkAsync(connection, transaction, calls.Count < batch ? cutoff : lastAt, cancellation);
            return (calls.Count, deleted);
        }, cancellation);
    }

    private static async Task<string> MarkAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellation)
        => await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT pruned_before FROM retention_marks WHERE kind = @kind;", new { kind = Mark }, transaction, cancellationToken: cancellation)) ?? "";

    private static async Task SetMarkAsync(DbConnection connection, DbTransaction transaction, string before, CancellationToken cancellation)
    {
        // Only forwards: a longer period set later finds the older events gone already.
        var current = await MarkAsync(connection, transaction, cancellation);
        if (string.CompareOrdinal(before, current) <= 0) return;
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO retention_marks (kind, pruned_before) VALUES (@kind, @before)
            ON CONFLICT (kind) DO UPDATE SET pruned_before = excluded.pruned_before;
            """, new { kind = Mark, before }, transaction, cancellationToken: cancellation));
    }
}
