using System.Data.Common;
using Dapper;

namespace Ivr.Data.Retention;

/// <summary>Deletes the handoff and assist tokens (<c>handoff_tokens</c>, M013) past their expiry or marked used, a batch per
/// transaction (found by <c>ix_handoff_tokens_expires</c>). <see cref="Handoffs.HandoffTokenStore"/> deletes them only when
/// another token is issued or read: after the last assisted check of a day, an assist result's clear resident ID would
/// otherwise stay in the database (and its backups) until the next one. No period of its own: a token lives
/// <see cref="Ivr.Core.Handoffs.HandoffKinds.Lifetime"/>.</summary>
internal static class HandoffTokenPrune
{
    private const string Spent = "(expires_at <= @now OR used_at IS NOT NULL)";

    public static Task<long> CountAsync(DbConnection connection, string now, CancellationToken cancellation)
        => connection.ExecuteScalarAsync<long>(new CommandDefinition($"SELECT COUNT(*) FROM handoff_tokens WHERE {Spent};",
            new { now }, cancellationToken: cancellation));

    public static Task<long> PruneAsync(IvrDatabase database, string now, int batch, CancellationToken cancellation)
        => PruneBatch.RepeatAsync(database, batch, async (connection, transaction) =>
        {
            var rows = await connection.ExecuteAsync(new CommandDefinition($"""
                DELETE FROM handoff_tokens WHERE token_hash IN (SELECT token_hash FROM handoff_tokens WHERE {Spent} ORDER BY expires_at LIMIT @batch);
                """, new { now, batch }, transaction, cancellationToken: cancellation));
            return (rows, rows);
        }, cancellation);
}
