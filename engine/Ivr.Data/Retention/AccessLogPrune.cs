using System.Data.Common;
using Dapper;

namespace Ivr.Data.Retention;

/// <summary>Deletes rows of the console's access log older than the cutoff, oldest first, a batch per transaction
/// (found by <c>ix_console_access_log_at</c>).</summary>
internal static class AccessLogPrune
{
    public static Task<long> CountAsync(DbConnection connection, string cutoff, CancellationToken cancellation)
        => connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT COUNT(*) FROM console_access_log WHERE at < @cutoff;",
            new { cutoff }, cancellationToken: cancellation));

    public static Task<long> PruneAsync(IvrDatabase database, string cutoff, int batch, CancellationToken cancellation)
        => PruneBatch.RepeatAsync(database, batch, async (connection, transaction) =>
        {
            var rows = await connection.ExecuteAsync(new CommandDefinition("""
                DELETE FROM console_access_log WHERE id IN (SELECT id FROM console_access_log WHERE at < @cutoff ORDER BY at LIMIT @batch);
                """, new { cutoff, batch }, transaction, cancellationToken: cancellation));
            return (rows, rows);
        }, cancellation);
}
