using Dapper;

namespace Ivr.Data.Maintenance;

/// <summary>
/// Which node runs a daily job (<c>retention</c>, <c>backup</c>) today: the first to claim the day with one
/// conditional upsert on <c>maintenance_claims</c> (a row per job, made by the first claim) gets it; every other node sharing the database is told no.
/// </summary>
public sealed class MaintenanceClaims(IvrDatabase database)
{
    public const string Retention = "retention";
    public const string Backup = "backup";

    /// <returns>True for the one node that claimed <paramref name="day"/> for <paramref name="job"/>.</returns>
    public async Task<bool> TryClaimAsync(string job, DateOnly day, string node, DateTimeOffset at, CancellationToken cancellation)
    {
        await using var connection = await database.OpenConnectionAsync(cancellation);
        return await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO maintenance_claims (job, day, node, claimed_at) VALUES (@job, @day, @node, @at)
            ON CONFLICT (job) DO UPDATE SET day = excluded.day, node = excluded.node, claimed_at = excluded.claimed_at
            WHERE maintenance_claims.day < excluded.day;
            """, new { job, day = DbTime.ToText(day), node, at = DbTime.ToText(at) }, cancellationToken: cancellation)) == 1;
    }
}
