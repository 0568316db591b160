using Ivr.Flows.Calendar;
using Ivr.OperationsConsole.Flows;
using Ivr.OperationsConsole.Security;
using Microsoft.AspNetCore.Routing;

namespace Ivr.OperationsConsole.Drafts;

/// <summary><c>GET /api/calendar/horizon</c>: the years the serving calendar misses (the banner editors and supervisors see on every page).</summary>
internal static class HorizonEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
        => api.MapGet("/calendar/horizon", (FlowSource source, TimeProvider time) =>
        {
            if (source.Current()?.Calendar is not { } calendar) return Results.Ok(new { missingYears = Array.Empty<int>(), warnings = Array.Empty<string>() });
            var today = calendar.LocalDate(time.GetUtcNow());
            var diagnostics = CalendarHorizon.Check(calendar, "flows/calendar.yaml", today).ToList();
            return Results.Ok(new { missingYears = CalendarHorizon.MissingYears(calendar, today), warnings = diagnostics.Select(d => d.Message) });
        }).RequireRoles(ConsoleRole.Editor, ConsoleRole.Supervisor);
}
