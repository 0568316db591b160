using Ivr.Data.Security;
using Ivr.OperationsConsole.Security;
using Microsoft.AspNetCore.Routing;

namespace Ivr.OperationsConsole.Cards;

/// <summary>
/// <c>GET /api/pin-alerts</c> (supervisor, admin): every caller number and SIP source whose PIN checks locked at least
/// <see cref="PinThrottleRules.LockedIdsForAlert"/> distinct IDs within the last <see cref="PinThrottleRules.AlertWindow"/>,
/// on the server's clock — the number and the IDs masked, counts, first and last lock, the call of the last one.
/// </summary>
internal static class PinAlertEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
        => api.MapGet("/pin-alerts", async (IvrDatabase database, TimeProvider time, CancellationToken cancellation) =>
        {
            await using var connection = await database.OpenConnectionAsync(cancellation);
            var alerts = await PinAlerts.ActiveAsync(new PinLockOriginStore(connection), PinThrottleRules.Default, time.GetUtcNow(), cancellation);
            return Results.Ok(alerts.Select(a => new
            {
                a.Kind, a.CallerMasked, a.Source, a.IdsLocked, a.FirstLockAt, a.LastLockAt, a.IdsMasked, a.LastCallId,
            }));
        }).RequireRoles(ConsoleRole.Supervisor);
}
