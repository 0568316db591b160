using System.Text.RegularExpressions;
using Ivr.Data.Security;
using Ivr.OperationsConsole.Api;
using Ivr.OperationsConsole.Security;
using Microsoft.AspNetCore.Routing;

namespace Ivr.OperationsConsole.Cards;

/// <summary>
/// The alerts on caller numbers and SIP sources whose PIN checks locked at least
/// <see cref="PinThrottleRules.LockedIdsForAlert"/> distinct IDs within <see cref="PinThrottleRules.AlertWindow"/>
/// (supervisor, admin): <c>GET /api/pin-alerts[?state=open|acknowledged]</c>, newest first — the number and the IDs
/// masked, counts, first and last lock, the call of the last one, the page and the acknowledgement;
/// <c>POST /api/pin-alerts/{id}/acknowledge</c> <c>{"comment":…}</c> acknowledges one (audited with the comment; the
/// first acknowledgement stays, a second gets 409). A comment holds no ID, card or phone number or PIN: a run of six
/// digits or more is refused.
/// </summary>
internal static partial class PinAlertEndpoints
{
    public const string Acknowledge = "pin_alert_acknowledge";
    public const int MaxComment = 500;

    public sealed record AcknowledgeRequest(string? Comment);

    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/pin-alerts", ListAsync).RequireRoles(ConsoleRole.Supervisor);
        api.MapPost("/pin-alerts/{id:long}/acknowledge", AcknowledgeAsync).RequireRoles(ConsoleRole.Supervisor);
    }

    private static async Task<IResult> ListAsync(string? state, IvrDatabase database, CancellationToken cancellation)
    {
        if (state is not (null or PinAlarm.Open or PinAlarm.Acknowledged)) return ApiError.BadRequest("state is open or acknowledged");
        await using var connection = await database.OpenConnectionAsync(cancellation);
        return Results.Ok((await new PinAlarmStore(connection).ListAsync(state, cancellation)).Select(Shown));
    }

    private static async Task<IResult> AcknowledgeAsync(HttpContext http, long id, AcknowledgeRequest? request, IvrDatabase database, TimeProvider time,
        AccessLog accessLog, ConsoleServices services)
    {
        var comment = request?.Comment?.Trim() is { Length: > 0 } text ? text : null;
        if (comment is { Length: > MaxComment }) return ApiError.BadRequest($"comment is at most {MaxComment} characters");
        if (comment is not null && LongNumber().IsMatch(comment))
            return ApiError.BadRequest("comment holds no ID, card or phone number or PIN (no run of 6 digits or more)");
        var user = http.User().Name;
        await using var connection = await database.OpenConnectionAsync(http.RequestAborted);
        var alarms = new PinAlarmStore(connection);
        if (await alarms.FindAsync(id, http.RequestAborted) is null) return ApiError.NotFound();
        var acknowledged = await alarms.AcknowledgeAsync(id, user, time.GetUtcNow(), comment, http.RequestAborted);
        await accessLog.WriteAsync(http, Acknowledge, $"pin-alert:{id}", acknowledged ? "ok" : "already_acknowledged", comment);
        if (!acknowledged) return ApiError.Conflict("the alert was acknowledged already");
        services.Log($"console: {user} acknowledged PIN alert #{id}");
        return Results.Ok(Shown((await alarms.FindAsync(id, http.RequestAborted))!));
    }

    [GeneratedRegex("[0-9]{6}")]
    private static partial Regex LongNumber();

    private static object Shown(PinAlarm a) => new
    {
        a.Id, a.Kind, a.CallerMasked, a.Source, a.IdsLocked, a.RaisedAt, a.FirstLockAt, a.LastLockAt, a.IdsMasked, a.LastCallId,
        a.State, a.PageState, a.PageTries, a.PagedAt, a.AcknowledgedAt, a.AcknowledgedBy, Comment = a.AckComment,
    };
}
