namespace Ivr.OperationsConsole.Metrics;

/// <summary>The node's metrics as Prometheus text (the host writes them with prometheus-net); served on <c>GET /metrics</c>.</summary>
public interface IMetricsText
{
    /// <summary>The Content-Type of what <see cref="WriteAsync"/> writes.</summary>
    string ContentType { get; }

    Task WriteAsync(Stream destination, CancellationToken cancellation);
}
