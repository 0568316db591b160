using Ivr.Core.Metrics;
using Ivr.OperationsConsole.Metrics;
using Prometheus;

namespace Ivr.Host.Metrics;

/// <summary>
/// One node's Prometheus metrics (prometheus-net, in a registry of its own: no default process or meter
/// collectors, so a scrape shows the <c>ivr_*</c> figures only). What happens on a call is told here as it happens
/// (<see cref="ICallMetrics"/>, <see cref="CallEnded"/>, <see cref="LookupFinished"/>); figures the server already
/// keeps (calls up, dropped call records, database errors, pacing lateness, flow version) are read at each scrape
/// by <see cref="ServerReadings"/>. Every label takes a bounded set of values (<see cref="BoundedLabel"/>): never a
/// caller's number, an ID or a Call-ID.
/// </summary>
public sealed class IvrMetrics : ICallMetrics, IMetricsText
{
    private static readonly double[] SetupBuckets = [0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5];
    private static readonly double[] KeyBuckets = [0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
    private static readonly double[] LookupBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

    private readonly Histogram _setup;
    private readonly Histogram _keyToPrompt;
    private readonly Counter _ended;
    private readonly Histogram _lookupDuration;
    private readonly Counter _lookupErrors;
    private readonly Gauge _draining;
    private readonly Gauge _node;
    private readonly BoundedLabel _dispositions = new(50);
    private readonly BoundedLabel _operations;
    private readonly object _nodeGate = new();
    private string? _nodeId;

    /// <param name="operations">The lookup operations the flows may call (each its own label value; others count as <c>other</c>).</param>
    public IvrMetrics(IReadOnlyCollection<string> operations)
    {
        _operations = new BoundedLabel(operations);
        var factory = Prometheus.Metrics.WithCustomRegistry(Registry);
        _setup = factory.CreateHistogram("ivr_call_setup_seconds", "Inbound INVITE to its 200 OK, seconds.",
            new HistogramConfiguration { Buckets = SetupBuckets });
        _keyToPrompt = factory.CreateHistogram("ivr_key_to_prompt_seconds",
            "A caller's key (the last before a prompt) to that next prompt queued for playout, seconds.", new HistogramConfiguration { Buckets = KeyBuckets });
        _ended = factory.CreateCounter("ivr_calls_ended_total", "Calls ended, by the disposition their flow gave them.", "disposition");
        _lookupDuration = factory.CreateHistogram("ivr_lookup_duration_seconds", "Back-end lookups (a flow's lookup node), seconds, by operation.",
            new HistogramConfiguration { Buckets = LookupBuckets, LabelNames = ["operation"] });
        _lookupErrors = factory.CreateCounter("ivr_lookup_errors_total", "Lookups that answered error or timeout, by operation.", "operation", "outcome");
        _draining = factory.CreateGauge("ivr_draining", "1 while the node drains (refuses new calls, lets calls end), else 0.");
        _node = factory.CreateGauge("ivr_node_info", "Always 1; the node's id is its label.", "node");
        Readings = new ServerReadings(factory);
        Registry.AddBeforeCollectCallback(Readings.Read);
    }

    public CollectorRegistry Registry { get; } = Prometheus.Metrics.NewCustomRegistry();

    /// <summary>The figures read at each scrape; <see cref="ServerReadings.Watch"/> tells where from.</summary>
    public ServerReadings Readings { get; }

    public string ContentType => "text/plain; version=0.0.4; charset=utf-8";

    /// <summary>Whether the node drains; set by whoever runs the drain.</summary>
    public bool Draining
    {
        get => _draining.Value > 0;
        set => _draining.Set(value ? 1 : 0);
    }

    /// <summary>The node's id on <c>ivr_node_info</c>; one at a time (setting another replaces it).</summary>
    public string? NodeId
    {
        get => _nodeId;
        set
        {
            lock (_nodeGate)
            {
                if (_nodeId is { } old) _node.RemoveLabelled(old);
                _nodeId = value;
                if (value is not null) _node.WithLabels(value).Set(1);
            }
        }
    }

    public void CallAnswered(TimeSpan setup) => _setup.Observe(setup.TotalSeconds);

    public void KeyToPrompt(TimeSpan latency) => _keyToPrompt.Observe(latency.TotalSeconds);

    public void CallEnded(string disposition) => _ended.WithLabels(_dispositions.Of(disposition)).Inc();

    /// <summary>A lookup of <paramref name="operation"/> answered <paramref name="outcome"/> after <paramref name="elapsed"/>.</summary>
    public void LookupFinished(string operation, TimeSpan elapsed, string outcome)
    {
        var label = _operations.Of(operation);
        _lookupDuration.WithLabels(label).Observe(elapsed.TotalSeconds);
        if (outcome is Core.Lookups.LookupResult.Error or Core.Lookups.LookupResult.Timeout) _lookupErrors.WithLabels(label, outcome).Inc();
    }

    public Task WriteAsync(Stream destination, CancellationToken cancellation) => Registry.CollectAndExportAsTextAsync(destination, cancellation);
}
