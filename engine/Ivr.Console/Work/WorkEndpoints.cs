using Ivr.OperationsConsole.Api;
using Ivr.OperationsConsole.Flows;
using Ivr.OperationsConsole.Security;
using Ivr.OperationsConsole.Statistics;
using Ivr.Data.Operations;
using Microsoft.AspNetCore.Routing;

namespace Ivr.OperationsConsole.Work;

/// <summary>
/// <c>/api/messages</c> and <c>/api/follow-ups</c>: lists with deadlines, the recording (logged), assign,
/// and finish with an outcome. Agents see and finish only what is assigned to them.
/// </summary>
internal static class WorkEndpoints
{
    public sealed record AssignRequest(string? User);

    public sealed record OutcomeRequest(string? Outcome);

    private const int MaxOutcome = 500;

    public static void Map(IEndpointRouteBuilder api)
    {
        Map(api.MapGroup("/messages"), WorkItemKind.Message, AccessLog.MessageAssign, AccessLog.MessageCalledBack, "called-back");
        Map(api.MapGroup("/follow-ups"), WorkItemKind.FollowUp, AccessLog.FollowUpAssign, AccessLog.FollowUpDone, "done");
        api.MapGet("/messages/{id:long}/audio", AudioAsync).RequireRoles(ConsoleRole.Agent, ConsoleRole.Supervisor);
    }

    private static void Map(RouteGroupBuilder group, WorkItemKind kind, string assignAction, string doneAction, string doneVerb)
    {
        group.RequireRoles(ConsoleRole.Agent, ConsoleRole.Supervisor);
        group.MapGet("", async (HttpContext http, string? status, IvrDatabase database, FlowSource flows, TimeProvider time) =>
        {
            if (status is not (null or "" or "open" or "all")) return ApiError.BadRequest("status is open or all");
            var user = http.User();
            await using var connection = await database.OpenConnectionAsync(http.RequestAborted);
            var items = await new WorkItemRepository(connection).ListAsync(kind, status != "all", user.Role == ConsoleRole.Agent ? user.Name : null, 1000, http.RequestAborted);
            var (today, calendar) = Today(flows, time);
            return Results.Ok(items.Select(i => WorkItemView.Of(i, today, calendar)));
        });
        group.MapPost("/{id:long}/assign", async (HttpContext http, long id, AssignRequest request, IvrDatabase database, FlowSource flows, TimeProvider time, AccessLog accessLog) =>
        {
            if (http.User().Role == ConsoleRole.Agent)
            {
                await accessLog.RefusedAsync(http, "forbidden");
                return ApiError.Forbidden();
            }

            await using var connection = await database.OpenConnectionAsync(http.RequestAborted);
            var assignee = request.User is { } name && UserNames.IsValid(name) ? await new ConsoleUserRepository(connection).FindAsync(name, http.RequestAborted) : null;
            if (assignee is null || assignee.Disabled) return ApiError.BadRequest("user names an active console user");
            var items = new WorkItemRepository(connection);
            if (await items.FindAsync(kind, id, http.RequestAborted) is null) return ApiError.NotFound();
            await items.AssignAsync(kind, id, assignee.Name, time.GetUtcNow(), http.RequestAborted);
            await accessLog.WriteAsync(http, assignAction, $"{Target(kind)}:{id}", "ok", $"to {assignee.Name}");
            var (today, calendar) = Today(flows, time);
            return Results.Ok(WorkItemView.Of((await items.FindAsync(kind, id, http.RequestAborted))!, today, calendar));
        });
        group.MapPost($"/{{id:long}}/{doneVerb}", async (HttpContext http, long id, OutcomeRequest request, IvrDatabase database, FlowSource flows, TimeProvider time, AccessLog accessLog) =>
        {
            if (request.Outcome is not { } outcome || outcome.Trim().Length == 0 || outcome.Length > MaxOutcome)
                return ApiError.BadRequest($"outcome is 1..{MaxOutcome} characters");
            await using var connection = await database.OpenConnectionAsync(http.RequestAborted);
            var items = new WorkItemRepository(connection);
            var item = await items.FindAsync(kind, id, http.RequestAborted);
            var user = http.User();
            if (item is null || user.Role == ConsoleRole.Agent && item.AssignedTo != user.Name)
            {
                if (item is not null) await accessLog.RefusedAsync(http, "forbidden");
                return item is null ? ApiError.NotFound() : ApiError.Forbidden();
            }

            await items.CompleteAsync(kind, id, user.Name, outcome.Trim(), time.GetUtcNow(), http.RequestAborted);
            await accessLog.WriteAsync(http, doneAction, $"{Target(kind)}:{id}", "ok");
            var (today, calendar) = Today(flows, time);
            return Results.Ok(WorkItemView.Of((await items.FindAsync(kind, id, http.RequestAborted))!, today, calendar));
        });
    }

    private static async Task<IResult> AudioAsync(HttpContext http, long id, IvrDatabase database, ConsoleOptions options, AccessLog accessLog)
    {
        await using var connection = await database.OpenConnectionAsync(http.RequestAborted);
        var item = await new WorkItemRepository(connection).FindAsync(WorkItemKind.Message, id, http.RequestAborted);
        var user = http.User();
        if (item is not null && user.Role == ConsoleRole.Agent && item.AssignedTo != user.Name)
        {
            await accessLog.RefusedAsync(http, "forbidden");
            return ApiError.Forbidden();
        }

        var file = item?.Recording is { Length: > 0 } recording ? RecordingFile.Find(options.RecordingsDirectory, recording) : null;
        if (file is null)
        {
            await accessLog.WriteAsync(http, AccessLog.RecordingView, $"message:{id}", "not_found");
            return ApiError.NotFound();
        }

        await accessLog.WriteAsync(http, AccessLog.RecordingView, $"message:{id}", "ok", $"call:{item!.CallId}");
        return Results.File(file, "audio/wav", enableRangeProcessing: true);
    }

    /// <summary>Today in the calendar's time zone, and the calendar (null while no flow set serves).</summary>
    internal static (DateOnly Today, Ivr.Core.Calendar.ServiceCalendar? Calendar) Today(FlowSource flows, TimeProvider time)
    {
        var calendar = flows.Current()?.Calendar;
        var offset = calendar?.UtcOffset ?? StatisticsEndpoints.DefaultUtcOffset;
        return (DateOnly.FromDateTime(time.GetUtcNow().ToOffset(offset).DateTime), calendar);
    }

    private static string Target(WorkItemKind kind) => kind == WorkItemKind.Message ? "message" : "follow_up";
}
