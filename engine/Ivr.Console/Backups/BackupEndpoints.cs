using Ivr.Data.Maintenance;
using Ivr.OperationsConsole.Security;
using Microsoft.AspNetCore.Routing;

namespace Ivr.OperationsConsole.Backups;

/// <summary>
/// <c>GET /api/backups</c> (supervisor, admin): the last successful backup (time, file, size, node, scheduled or by hand),
/// the last failed one, and <c>stale</c> when the last success is older than <see cref="StaleAfterDays"/> days or there
/// is none — the hotline's rule is a backup at least every half month; the console shows a warning banner then.
/// </summary>
internal static class BackupEndpoints
{
    public const int StaleAfterDays = 15;

    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/backups", StatusAsync).RequireRoles(ConsoleRole.Supervisor);
    }

    private static async Task<IResult> StatusAsync(IvrDatabase database, TimeProvider time, CancellationToken cancellation)
    {
        var runs = new BackupRunRepository(database);
        var success = await runs.LastAsync(ok: true, cancellation);
        var failure = await runs.LastAsync(ok: false, cancellation);
        var now = time.GetUtcNow();
        return Results.Ok(new
        {
            at = now,
            staleAfterDays = StaleAfterDays,
            stale = success is null || now - success.FinishedAt > TimeSpan.FromDays(StaleAfterDays),
            lastSuccess = success is null ? null : View(success),
            lastFailure = failure is null || (success is not null && failure.FinishedAt < success.FinishedAt) ? null : View(failure),
        });
    }

    private static object View(BackupRun run)
        => new { at = run.FinishedAt, file = run.File, bytes = run.Bytes, node = run.Node, trigger = run.Trigger, detail = run.Detail };
}
