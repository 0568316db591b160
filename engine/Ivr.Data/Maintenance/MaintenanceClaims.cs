using Dapper;

namespace Ivr.Data.Maintenance;

/// <summary>
/// Which node runs a daily job (<c>retention</c>, <c>backup</c>) today: the first to claim the day with one
/// conditional UPDATE on <c>maintenance_claims</c> gets it; every other node sharing the database is told no.
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
            UPDATE maintenance_claims SET day = @day, node = @node, claimed_at = @at WHERE job = @job AND (day IS NULL OR day < @day);
            """, new { job, day = DbTime.ToText(day), node, at = DbTime.ToText(at) }, cancellationToken: cancellation)) == 1;
    }
}
