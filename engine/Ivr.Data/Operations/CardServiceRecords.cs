using Dapper;
using Ivr.Core.Privacy;
using Ivr.Data.Audit;

namespace Ivr.Data.Operations;

/// <summary>What supervisors review of the card services: loss reports and PIN lockouts, every identifier masked.</summary>
public sealed class CardServiceRecords(IvrDatabase database)
{
    public async Task<IReadOnlyList<AuditEntry>> AuditAsync(AuditAction action, int limit, CancellationToken cancellation)
    {
        await using var connection = await database.OpenConnectionAsync(cancellation);
        var rows = await connection.QueryAsync<(string CallId, string At, string Subject, string Outcome)>(new CommandDefinition(
            "SELECT call_id, at, subject_masked, outcome FROM audit WHERE action = @action ORDER BY id DESC LIMIT @limit;",
            new { action = AuditRepository.ToText(action), limit }, cancellationToken: cancellation));
        return rows.Select(r => new AuditEntry(r.CallId, DbTime.FromText(r.At), action, r.Subject, r.Outcome)).ToList();
    }

    /// <summary>Cards reported lost, newest first: number masked, when, the loss reference given to the caller.</summary>
    public async Task<IReadOnlyList<(string CardMasked, DateTimeOffset? LostAt, string? LossReference)>> LostCardsAsync(int limit, CancellationToken cancellation)
    {
        await using var connection = await database.OpenConnectionAsync(cancellation);
        var rows = await connection.QueryAsync<(string Number, string? LostAt, string? Reference)>(new CommandDefinition(
            "SELECT number, lost_at, loss_reference FROM cards WHERE status = 'lost' ORDER BY lost_at DESC LIMIT @limit;",
            new { limit }, cancellationToken: cancellation));
        return rows.Select(r => (Mask.Card(r.Number), DbTime.FromNullableText(r.LostAt), r.Reference)).ToList();
    }

    /// <summary>PIN locks, latest expiry first: the resident ID masked, until when.</summary>
    public async Task<IReadOnlyList<(string SubjectMasked, DateTimeOffset LockedUntil)>> PinLocksAsync(int limit, CancellationToken cancellation)
    {
        await using var connection = await database.OpenConnectionAsync(cancellation);
        var rows = await connection.QueryAsync<(string Subject, string Until)>(new CommandDefinition(
            "SELECT subject, locked_until FROM pin_locks ORDER BY locked_until DESC LIMIT @limit;", new { limit }, cancellationToken: cancellation));
        return rows.Select(r => (Mask.ResidentId(r.Subject), DbTime.FromText(r.Until))).ToList();
    }
}
