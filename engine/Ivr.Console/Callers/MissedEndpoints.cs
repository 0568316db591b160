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
/// named by the id of its last missed call, with its last callback mark; <c>POST /api/missed/{callId}/called-back</c> marks
/// the number called back with one of <see cref="CallbackOutcomes"/> and an optional note (audited): no answer and
/// rescheduled keep it on the list, due the next working day. Rows are due the next working day; <c>?overdue=only</c>
/// (supervisors) lists the overdue ones; <c>?outcome=</c> the rows last marked so (<c>none</c>: never marked; a closing
/// outcome lists the numbers it closed).
/// </summary>
internal static class MissedEndpoints
{
    public sealed record OutcomeRequest(string? Outcome, string? Note);

    /// <summary>How far back the list looks.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromDays(30);

    private const int MaxNote = 500;

    /// <summary>The <c>outcome</c> filter for rows nobody marked yet.</summary>
    private const string Unmarked = "none";

    public static void Map(IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/missed").RequireRoles(ConsoleRole.Agent, ConsoleRole.Supervisor);
        group.MapGet("", ListAsync);
        group.MapPost("/{callId}/called-back", CalledBackAsync);
    }

    private static async Task<IResult> ListAsync(HttpContext http, string? overdue, string? outcome, IvrDatabase database, FlowSource flows, TimeProvider time, AccessLog accessLog)
    {
        if (overdue is not (null or "" or "only")) return ApiError.BadRequest("overdue is only");
        if (outcome is not (null or "" or Unmarked) && !CallbackOutcomes.IsKnown(outcome))
            return ApiError.BadRequest($"outcome is {Unmarked} or one of {string.Join(", ", CallbackOutcomes.All)}");
        if (overdue == "only" && http.User().Role == ConsoleRole.Agent)
        {
            await accessLog.RefusedAsync(http, "forbidden");
            return ApiError.Forbidden();
        }

        await using var connection = await database.OpenConnectionAsync(http.RequestAborted);
        var closing = CallbackOutcomes.IsKnown(outcome) && !CallbackOutcomes.KeepsOnList(outcome!);
        var rows = (await new MissedCallRepository(connection).ListAsync(time.GetUtcNow() - Window, 1000, closing, http.RequestAborted))
            .Where(r => outcome is null or "" || (r.LastMark?.Outcome ?? Unmarked) == outcome);
        var (today, calendar) = WorkEndpoints.Today(flows, time);
        Func<DateOnly, int, WorkingDayDate> countWorkingDays = calendar is null ? WeekendCalendar.CountWorkingDays : calendar.CountWorkingDays;
        var views = rows.Select(r =>
        {
            var (dueDate, beyond) = r.Due(countWorkingDays);
            DateOnly? due = r.Open ? dueDate : null;
            return new
            {
                id = r.LastCallId, callerMasked = Mask.Phone(r.Caller), missedCalls = r.Count, r.FirstMissedAt, r.LastMissedAt, dueDate = due,
                dueBeyondCalendar = r.Open && beyond,
                overdue = today > due, workingDaysLeft = due is { } d ? WorkItemView.WorkingDaysBetween(today, d, calendar) : (int?)null,
                r.Open, r.Attempts, lastOutcome = r.LastMark?.Outcome, lastNote = r.LastMark?.Note, lastMarkedBy = r.LastMark?.MarkedBy,
                lastMarkedAt = r.LastMark?.MarkedAt,
            };
        });
        return Results.Ok(overdue == "only" ? views.Where(v => v.overdue).ToList() : views.ToList());
    }

    private static async Task<IResult> CalledBackAsync(HttpContext http, string callId, OutcomeRequest request, IvrDatabase database, TimeProvider time, AccessLog accessLog)
    {
        if (!CallbackOutcomes.IsKnown(request.Outcome)) return ApiError.BadRequest($"outcome is one of {string.Join(", ", CallbackOutcomes.All)}");
        var outcome = request.Outcome!;
        var note = string.IsNullOrWhiteSpace(request.Note) ? null : request.Note.Trim();
        if (note?.Length > MaxNote) return ApiError.BadRequest($"note is at most {MaxNote} characters");
        await using var connection = await database.OpenConnectionAsync(http.RequestAborted);
        var missed = new MissedCallRepository(connection);
        if (await missed.CallerOfAsync(callId, http.RequestAborted) is not { } caller || MissedCallRule.IsWithheld(caller)) return ApiError.NotFound();
        await missed.MarkCalledBackAsync(caller, callId, http.User().Name, outcome, note, time.GetUtcNow(), http.RequestAborted);
        await accessLog.WriteAsync(http, CallerCareActions.MissedCalledBack, $"caller:{Mask.Phone(caller)}", "ok", $"call:{callId} {outcome}");
        return Results.Ok(new { id = callId, callerMasked = Mask.Phone(caller), calledBack = true, outcome, open = CallbackOutcomes.KeepsOnList(outcome) });
    }
}
