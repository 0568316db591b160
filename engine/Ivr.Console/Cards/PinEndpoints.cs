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
/// the access log keeps the masked ID only. The alerts on numbers that lock several IDs:
/// <see cref="PinAlertEndpoints"/>.
/// </summary>
internal static partial class PinEndpoints
{
    public sealed record UnlockRequest(string? ResidentId);

    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapPost("/pins/unlock", UnlockAsync).RequireRoles(ConsoleRole.Agent, ConsoleRole.Supervisor);
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
