using Ivr.Core.Calendar;
using Ivr.Core.Privacy;
using Ivr.Data.Callers;
using Ivr.Data.Services;
using Ivr.OperationsConsole.Api;
using Ivr.OperationsConsole.Flows;
using Ivr.OperationsConsole.Security;
using Ivr.OperationsConsole.Work;
using Microsoft.AspNetCore.Routing;

namespace Ivr.OperationsConsole.Callers;

/// <summary>
/// <c>/api/missed</c> (回拨): caller numbers with missed calls (<see cref="MissedCallRule"/>), one row per number, masked,
/// named by the id of its last missed call; <c>POST /api/missed/{callId}/called-back</c> marks the number called back with
/// an outcome (audited). Rows are due the next working day; <c>?overdue=only</c> (supervisors) lists the overdue ones.
/// </summary>
internal static class MissedEndpoints
{
    public sealed record OutcomeRequest(string? Outcome);

    /// <summary>How far back the list looks.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromDays(30);

    private const int MaxOutcome = 500;

    public static void Map(IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/missed").RequireRoles(ConsoleRole.Agent, ConsoleRole.Supervisor);
        group.MapGet("", ListAsync);
        group.MapPost("/{callId}/called-back", CalledBackAsync);
    }

    private static async Task<IResult> ListAsync(HttpContext http, string? overdue, IvrDatabase database, FlowSource flows, TimeProvider time, AccessLog accessLog)
    {
        if (overdue is not (null or "" or "only")) return ApiError.BadRequest("overdue is only");
        if (overdue == "only" && http.User().Role == ConsoleRole.Agent)
        {
            await accessLog.RefusedAsync(http, "forbidden");
            return ApiError.Forbidden();
        }

        await using var connection = await database.OpenConnectionAsync(http.RequestAborted);
        var rows = await new MissedCallRepository(connection).OpenAsync(time.GetUtcNow() - Window, 1000, http.RequestAborted);
        var (today, calendar) = WorkEndpoints.Today(flows, time);
        Func<DateOnly, int, WorkingDayDate> countWorkingDays = calendar is null ? WeekendCalendar.CountWorkingDays : calendar.CountWorkingDays;
        var views = rows.Select(r =>
        {
            var (due, dueBeyondCalendar) = r.Due(countWorkingDays);
            return new
            {
                id = r.LastCallId, callerMasked = Mask.Phone(r.Caller), missedCalls = r.Count, r.FirstMissedAt, r.LastMissedAt, dueDate = due, dueBeyondCalendar,
                overdue = today > due, workingDaysLeft = WorkItemView.WorkingDaysBetween(today, due, calendar),
            };
        });
        return Results.Ok(overdue == "only" ? views.Where(v => v.overdue).ToList() : views.ToList());
    }

    private static async Task<IResult> CalledBackAsync(HttpContext http, string callId, OutcomeRequest request, IvrDatabase database, TimeProvider time, AccessLog accessLog)
    {
        if (request.Outcome is not { } outcome || outcome.Trim().Length == 0 || outcome.Length > MaxOutcome)
            return ApiError.BadRequest($"outcome is 1..{MaxOutcome} characters");
        await using var connection = await database.OpenConnectionAsync(http.RequestAborted);
        var missed = new MissedCallRepository(connection);
        if (await missed.CallerOfAsync(callId, http.RequestAborted) is not { } caller || MissedCallRule.IsWithheld(caller)) return ApiError.NotFound();
        await missed.MarkCalledBackAsync(caller, callId, http.User().Name, outcome.Trim(), time.GetUtcNow(), http.RequestAborted);
        await accessLog.WriteAsync(http, CallerCareActions.MissedCalledBack, $"caller:{Mask.Phone(caller)}", "ok", $"call:{callId}");
        return Results.Ok(new { id = callId, callerMasked = Mask.Phone(caller), calledBack = true });
    }
}
