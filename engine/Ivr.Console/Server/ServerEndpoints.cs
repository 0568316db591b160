using Ivr.OperationsConsole.Api;
using Ivr.OperationsConsole.Security;
using Microsoft.AspNetCore.Routing;

namespace Ivr.OperationsConsole.Server;

/// <summary>
/// <c>/api/server</c>, admin only: whether this node is draining, and "drain this node" (what SIGTERM and
/// <c>ivr drain</c> do: new calls get 503, calls in progress end, then the server stops). Both answer 503
/// <c>drain_not_available</c> when the server offers no drain. Every drain request is in the access log.
/// </summary>
internal static class ServerEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        var server = api.MapGroup("/server").RequireRoles(ConsoleRole.Admin);
        server.MapGet("", (ConsoleServices services) =>
            services.Drain is { } drain ? Results.Ok(new { draining = drain.IsDraining }) : ApiError.Unavailable("drain_not_available"));
        server.MapPost("/drain", async (HttpContext http, ConsoleServices services, AccessLog accessLog) =>
        {
            if (services.Drain is not { } drain) return ApiError.Unavailable("drain_not_available");
            var begun = drain.Begin($"console, user {http.Session()?.User.Name}");
            await accessLog.WriteAsync(http, AccessLog.ServerDrain, "server", "ok", begun ? "drain started" : "already draining");
            return Results.Accepted(value: new { draining = true });
        });
    }
}
