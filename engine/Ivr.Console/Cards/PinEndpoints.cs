using System.Text.RegularExpressions;
using Ivr.Core.Privacy;
using Ivr.Data.Security;
using Ivr.OperationsConsole.Api;
using Ivr.OperationsConsole.Security;
using Microsoft.AspNetCore.Routing;

namespace Ivr.OperationsConsole.Cards;

/// <summary>
/// <c>POST /api/pins/unlock</c>: an agent, having checked the caller's identity, lifts the PIN lock
/// of their resident ID — sent in the body, never in the URL (request paths reach the access log);
/// the access log keeps the masked ID only. <c>GET /api/pins/alerts</c>: caller numbers whose PIN
/// checks locked several IDs, masked.
/// </summary>
internal static partial class PinEndpoints
{
    public sealed record UnlockRequest(string? ResidentId);

    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapPost("/pins/unlock", UnlockAsync).RequireRoles(ConsoleRole.Agent, ConsoleRole.Supervisor);
        api.MapGet("/pins/alerts", async (int? limit, IvrDatabase database, CancellationToken cancellation) =>
        {
            await using var connection = await database.OpenConnectionAsync(cancellation);
            var alerts = await new PinAlertStore(connection).RecentAsync(Math.Clamp(limit ?? 100, 1, 1000), cancellation);
            return Results.Ok(alerts.Select(a => new { a.At, a.CallerMasked, a.CallId, a.IdsLocked }));
        }).RequireRoles(ConsoleRole.Supervisor);
    }

    private static async Task<IResult> UnlockAsync(HttpContext http, UnlockRequest request, IvrDatabase database, TimeProvider time, AccessLog accessLog, ConsoleServices services)
    {
        var id = (request.ResidentId ?? "").Trim().ToUpperInvariant();
        if (id.EndsWith('*')) id = id[..^1] + "X";
        if (!ResidentIdShape().IsMatch(id)) return ApiError.BadRequest("residentId is 18 characters: 17 digits and a digit or X");
        var masked = Mask.ResidentId(id);
        var unlocked = await new PinUnlock(database, time).UnlockAsync(id, http.RequestAborted);
        var outcome = unlocked ? "ok" : "not_locked";
        await accessLog.WriteAsync(http, AccessLog.PinUnlock, $"pin:{masked}", outcome);
        services.Log($"console: {http.User().Name} unlocked the PIN of {masked}: {outcome}");
        return unlocked ? Results.Ok(new { subjectMasked = masked, unlocked }) : ApiError.NotFound();
    }

    [GeneratedRegex("^[0-9]{17}[0-9X]$")]
    private static partial Regex ResidentIdShape();
}
