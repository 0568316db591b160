using Ivr.Host.Metrics;
using Ivr.OperationsConsole;
using Ivr.OperationsConsole.Metrics;

namespace Ivr.Host.Serving;

/// <summary>Starts the listener serving only /metrics when <c>--metrics-port</c> asks for one (e.g. with <c>--no-console</c>).</summary>
internal static class MetricsStart
{
    /// <returns>The listener, added to <paramref name="parts"/>; null without --metrics-port.</returns>
    public static async Task<WebListener?> StartAsync(ServeOptions options, IvrMetrics metrics, StartedParts parts, Action<string> log,
        CancellationToken cancellation)
    {
        if (options.MetricsPort is not { } port) return null;
        try
        {
            var host = parts.Add("metrics listener", await MetricsListener.StartAsync(options.HttpBind, port, metrics, cancellation));
            log($"metrics: listening on {host.Address}metrics");
            return host;
        }
        catch (IOException e)
        {
            throw new ServerStartException($"cannot listen for metrics on {options.HttpBind}:{port}: {e.Message} (--metrics-port)");
        }
    }
}
