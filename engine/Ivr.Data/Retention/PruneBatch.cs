using System.Data.Common;

namespace Ivr.Data.Retention;

/// <summary>
/// Bounds on one prune transaction: at most <see cref="Size"/> rows (calls, for events) per commit, so a busy
/// database is never locked for long — calls go on writing between two batches.
/// </summary>
public static class PruneBatch
{
    public const int Size = 500;

    /// <summary>
    /// Runs <paramref name="oneBatch"/> in a write transaction of its own, again and again until it has looked at fewer
    /// than <paramref name="batch"/> rows (<c>Seen</c>); returns the sum of what it removed (<c>Done</c>).
    /// </summary>
    internal static async Task<long> RepeatAsync(IvrDatabase database, int batch,
        Func<DbConnection, DbTransaction, Task<(int Seen, long Done)>> oneBatch, CancellationToken cancellation)
    {
        long done = 0;
        while (true)
        {
            await using var connection = await database.OpenConnectionAsync(cancellation);
            await using var transaction = connection.BeginWrite();
            var (seen, removed) = await oneBatch(connection, transaction);
            await transaction.CommitAsync(cancellation);
            done += removed;
            if (seen < batch) return done;
        }
    }
}
