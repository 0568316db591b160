using System.Net;

namespace Ivr.OperationsConsole.Metrics;

/// <summary>
/// A listener serving only <c>GET /metrics</c> (everything else 404), for a node run without the console
/// (<c>ivr serve --no-console --metrics-port P</c>).
/// </summary>
public static class MetricsListener
{
    /// <returns>The started listener; the metrics are at <c>metrics</c> below its <see cref="WebListener.Address"/>.</returns>
    public static async Task<WebListener> StartAsync(IPAddress bind, int port, IMetricsText metrics, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(bind);
        ArgumentNullException.ThrowIfNull(metrics);
        var app = WebListener.CreateBuilder(bind, port).Build();
        MetricsEndpoint.Map(app, metrics);
        app.MapFallback(context =>
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        });
        return await WebListener.StartAsync(app, cancellation);
    }
}
