using Ivr.Flows.Model;
using Ivr.OperationsConsole.Api;
using Ivr.OperationsConsole.Security;
using Microsoft.AspNetCore.Routing;

namespace Ivr.OperationsConsole.Switches;

/// <summary>
/// <c>/api/switches</c>: the flows' editor switches (<c>switches:</c>) with their values now; an editor flips an
/// <c>instant</c> switch with <c>POST /api/switches/{name}</c> and new calls on every node have the new value at once.
/// A switch that is not instant needs a reviewed change and is refused (409). Every flip is in the access log.
/// </summary>
internal static class SwitchEndpoints
{
    public const string AuditAction = "switch_change";

    public sealed record FlipRequest(bool? On);

    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/switches", (ConsoleServices services) =>
        {
            if (services.Editor is not { } editor) return ApiError.Unavailable("switches_not_available");
            if (services.Flows.Current() is not { } set) return ApiError.Unavailable("no_flow_set");
            return Results.Ok(set.Switches.Values.OrderBy(s => s.Flow, StringComparer.Ordinal).ThenBy(s => s.Name, StringComparer.Ordinal)
                .Select(s => SwitchView.Of(s, editor.Switches)));
        }).RequireRoles(ConsoleRole.Editor, ConsoleRole.Supervisor);
        api.MapPost("/switches/{name}", FlipAsync).RequireRoles(ConsoleRole.Editor);
    }

    private static async Task<IResult> FlipAsync(string name, FlipRequest request, HttpContext http, ConsoleServices services, AccessLog accessLog)
    {
        if (services.Editor is not { } editor) return ApiError.Unavailable("switches_not_available");
        if (services.Flows.Current() is not { } set) return ApiError.Unavailable("no_flow_set");
        if (!set.Switches.TryGetValue(name, out var declared)) return ApiError.NotFound();
        if (request.On is not { } on) return ApiError.BadRequest("send {\"on\": true} or {\"on\": false}");
        var target = $"switch:{name}";
        if (!declared.Instant)
        {
            await accessLog.WriteAsync(http, AuditAction, target, "needs_review", $"asked {(on ? "on" : "off")}");
            return ApiError.Conflict($"switch '{name}' is not instant (flow {declared.Flow}): change it through a reviewed draft, or mark it instant: true in the flow");
        }

        var before = SwitchView.ValueOf(declared, editor.Switches);
        var value = on ? FlowSwitch.On : FlowSwitch.Off;
        var user = http.User().Name;
        await editor.Switches.SetAsync(name, value, user, http.RequestAborted);
        await accessLog.WriteAsync(http, AuditAction, target, "ok", $"{before} -> {value}");
        services.Log($"console: {user} switched {name} {(on ? "on" : "off")} (was {before}); new calls have it now");
        return Results.Ok(SwitchView.Of(declared, editor.Switches));
    }
}
