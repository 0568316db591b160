using Microsoft.AspNetCore.Routing;

namespace Ivr.OperationsConsole.Metrics;

/// <summary>
/// <c>GET /metrics</c>: the node's metrics for Prometheus, without sign-in — they hold counts and durations only,
/// no caller's number, ID or Call-ID. Outside <c>/api</c>, so the session guard does not apply.
/// </summary>
public static class MetricsEndpoint
{
    public const string Path = "/metrics";

    public static void Map(IEndpointRouteBuilder routes, IMetricsText metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        routes.MapGet(Path, async context =>
        {
            context.Response.ContentType = metrics.ContentType;
            context.Response.Headers.CacheControl = "no-store";
            await metrics.WriteAsync(context.Response.Body, context.RequestAborted);
        });
    }
}
