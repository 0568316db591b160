using Ivr.OperationsConsole.Security;
using Ivr.Data.Audit;
using Ivr.Data.Operations;
using Ivr.Data.Security;
using Microsoft.AspNetCore.Routing;

namespace Ivr.OperationsConsole.Cards;

/// <summary>Supervisors' review of card loss reports and PIN lockouts; every identifier masked.</summary>
internal static class CardEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("").RequireRoles(ConsoleRole.Supervisor);
        group.MapGet("/cards/loss-reports", async (int? limit, IvrDatabase database, CancellationToken cancellation) =>
        {
            var records = new CardServiceRecords(database);
            var count = Math.Clamp(limit ?? 100, 1, 1000);
            var reports = await records.AuditAsync(AuditAction.LossReport, count, cancellation);
            var lost = await records.LostCardsAsync(count, cancellation);
            return Results.Ok(new
            {
                reports = reports.Select(r => new { r.At, r.CallId, r.SubjectMasked, r.Outcome }),
                lostCards = lost.Select(c => new { c.CardMasked, c.LostAt, c.LossReference }),
            });
        });
        group.MapGet("/pins/lockouts", async (IvrDatabase database, TimeProvider time, CancellationToken cancellation) =>
        {
            var now = time.GetUtcNow();
            var locks = await new CardServiceRecords(database).PinLocksAsync(500, cancellation);
            return Results.Ok(locks.Select(l => new { l.SubjectMasked, l.LockedUntil, active = l.LockedUntil > now, untilUnlocked = l.LockedUntil >= PinLockout.UntilUnlocked }));
        });
        group.MapGet("/pins/lockouts/history", async (int? limit, IvrDatabase database, CancellationToken cancellation) =>
        {
            var entries = await new CardServiceRecords(database).AuditAsync(AuditAction.Lockout, Math.Clamp(limit ?? 100, 1, 1000), cancellation);
            return Results.Ok(entries.Select(e => new { e.At, e.CallId, e.SubjectMasked, e.Outcome }));
        });
    }
}
