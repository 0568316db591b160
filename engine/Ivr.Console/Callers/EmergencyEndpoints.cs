using Ivr.Data.Messages;
using Ivr.Data.Operations;
using Ivr.OperationsConsole.Api;
using Ivr.OperationsConsole.Security;
using Microsoft.AspNetCore.Routing;

namespace Ivr.OperationsConsole.Callers;

/// <summary>
/// <c>POST /api/messages/{id}/emergency</c> (supervisors): marks a voice message an emergency (audited) and pages
/// supervisors (<see cref="IEmergencyPager"/>, in the background); marking it again changes nothing and pages no one.
/// <c>GET /api/emergencies</c> (supervisors): emergency messages not yet called back — the console's banner.
/// </summary>
internal static class EmergencyEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapPost("/messages/{id:long}/emergency", MarkAsync).RequireRoles(ConsoleRole.Supervisor);
        api.MapGet("/emergencies", async (IvrDatabase database, CancellationToken cancellation) =>
        {
            await using var connection = await database.OpenConnectionAsync(cancellation);
            var open = await new EmergencyMarks(connection).OpenAsync(100, cancellation);
            return Results.Ok(open.Select(e => new { e.Id, e.CallId, e.Reason, e.CreatedAt, e.MarkedAt, e.MarkedBy }));
        }).RequireRoles(ConsoleRole.Supervisor);
    }

    private static async Task<IResult> MarkAsync(HttpContext http, long id, IvrDatabase database, TimeProvider time, AccessLog accessLog, ConsoleServices services)
    {
        await using var connection = await database.OpenConnectionAsync(http.RequestAborted);
        if (await new WorkItemRepository(connection).FindAsync(WorkItemKind.Message, id, http.RequestAborted) is not { } message) return ApiError.NotFound();
        var user = http.User().Name;
        var now = time.GetUtcNow();
        var marked = await new EmergencyMarks(connection).MarkAsync(id, user, now, http.RequestAborted);
        await accessLog.WriteAsync(http, CallerCareActions.MessageEmergency, $"message:{id}", marked ? "ok" : "already_marked");
        if (marked)
        {
            services.Log($"console: {user} marked voice message #{id} an emergency");
            services.Pager?.Page(new EmergencyPage(id, message.CallId, message.Reason, now, user));
        }

        return Results.Ok(new { id, emergency = true, newlyMarked = marked });
    }
}
