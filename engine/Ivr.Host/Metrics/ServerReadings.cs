using Ivr.Media.Playout;
using Ivr.Sip.Throttling;
using Prometheus;

namespace Ivr.Host.Metrics;

/// <summary>
/// The figures the server already keeps, read at each scrape instead of counted a second time: calls up (the live
/// calls), call records the event writer dropped, database errors (call recorder, lookups), the flow-set version
/// serving, how many streams each pacing thread serves and how late it served them, how evenly their packets left and how long their bursts
/// took, the SIP messages dropped on receipt, by reason, and the process's allocations, garbage collections, their pauses
/// and the thread pool's completed work items (read from the runtime: a benchmark takes them from here rather than attach
/// an EventPipe session, which allocates in the server it watches), and how long each collection stopped the process
/// (<see cref="GcStops"/>, watched from the moment the readings are made). Each source is a function given to <see cref="Watch"/>; a source not given (a part not started)
/// reads as nothing.
/// </summary>
public sealed class ServerReadings
{
    private readonly Gauge _callsUp;
    private readonly Counter _dropped;
    private readonly Counter _databaseErrors;
    private readonly Gauge _flowVersion;
    private readonly LatenessExport _lateness;
    private readonly LatenessExport _sendJitter;
    private readonly LatenessExport _bursts;
    private readonly Gauge _pacingStreams;
    private readonly Counter _sipDropped;
    private readonly Counter _gcCollections;
    private readonly Counter _gcPause;
    private readonly LatenessExport _gcStops;
    private readonly Counter _allocated;
    private readonly Counter _threadPoolItems;
    private readonly object _gate = new();
    private Sources _sources = new();
    private string? _version;

    internal ServerReadings(IMetricFactory factory)
    {
        _callsUp = factory.CreateGauge("ivr_calls_up", "Calls in progress on this node.");
        _dropped = factory.CreateCounter("ivr_call_records_dropped_total",
            "Call records (starts, events, ends) the event writer dropped because its queue was full or the database stayed away.");
        _databaseErrors = factory.CreateCounter("ivr_database_errors_total", "Database operations that failed, by component.", ["component"]);
        _flowVersion = factory.CreateGauge("ivr_flow_version_info", "Always 1; the flow-set version this node serves is its label.", ["version"]);
        _lateness = new LatenessExport(factory.CreateHistogram("ivr_pacing_lateness_seconds",
            "How late the pacing threads served each call's outbound 20 ms packet after its deadline (per stream served), seconds.",
            new HistogramConfiguration { Buckets = [.. LatenessHistogram.UpperBounds] }));
        _sendJitter = new LatenessExport(factory.CreateHistogram("ivr_pacing_send_jitter_seconds",
            "How far each outbound packet left from 20 ms after its stream's previous one (|gap - 20 ms|, clock read just " +
            "before the send; a packet starting a talkspurt is not counted), seconds.",
            new HistogramConfiguration { Buckets = [.. LatenessHistogram.UpperBounds] }));
        _bursts = new LatenessExport(factory.CreateHistogram("ivr_pacing_burst_seconds",
            "How long each pacing step took to send its phase's packets (one per step with streams), seconds.",
            new HistogramConfiguration { Buckets = [.. LatenessHistogram.UpperBounds] }));
        _pacingStreams = factory.CreateGauge("ivr_pacing_streams",
            "Outbound streams each pacing thread serves, by thread (the next thread takes new streams once the one before " +
            "it serves 1,000: --pacing-threads).", ["thread"]);
        _gcCollections = factory.CreateCounter("ivr_gc_collections_total",
            "Garbage collections of this process by generation (a gen1 collection also counts in gen0, gen2 in both).", ["generation"]);
        _gcPause = factory.CreateCounter("ivr_gc_pause_seconds_total",
            "Time this process's threads were stopped for garbage collections, the pacing threads included, seconds.");
        _gcStops = new LatenessExport(factory.CreateHistogram("ivr_gc_stop_seconds",
            "How long each garbage collection stopped this process, the pacing threads and so every call's outbound audio " +
            "included, seconds (a background collection stops it twice; a collection that followed the one before too " +
            "closely to be seen is only in ivr_gc_pause_seconds_total).",
            new HistogramConfiguration { Buckets = [.. LatenessHistogram.UpperBounds] }));
        _ = GcStops.Process;
        _allocated = factory.CreateCounter("ivr_allocated_bytes_total",
            "Bytes this process allocated on the managed heap (what makes the garbage collections), all threads.");
        _threadPoolItems = factory.CreateCounter("ivr_threadpool_work_items_total",
            "Work items the .NET thread pool completed in this process (timer callbacks, socket completions, queued work).");
        _sipDropped = factory.CreateCounter("ivr_sip_dropped_total",
            "SIP messages dropped on receipt, by reason: over_budget (the source's rate, before any parse), work_queue_full, " +
            "source_queue_full (the source's UDP receive queue), all_queues_full (every UDP receive queue together), malformed " +
            "(malformed, invalid or from an untrusted source, after parsing).", ["reason"]);
    }

    /// <summary>Where the figures come from; each may be null.</summary>
    public sealed record Sources
    {
        public Func<int>? CallsUp { get; init; }

        public Func<long>? RecordsDropped { get; init; }

        public Func<long>? RecorderErrors { get; init; }

        public Func<long>? LookupDatabaseErrors { get; init; }

        public Func<string?>? FlowVersion { get; init; }

        public Func<LatenessSnapshot>? PacingLateness { get; init; }

        public Func<LatenessSnapshot>? PacingSendJitter { get; init; }

        public Func<LatenessSnapshot>? PacingBursts { get; init; }

        public Func<int[]>? PacingStreams { get; init; }

        public Func<SipDropCounts>? SipDrops { get; init; }
    }

    /// <summary>Reads <paramref name="sources"/> from the next scrape on (replacing those given before).</summary>
    public void Watch(Sources sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        lock (_gate) _sources = sources;
    }

    /// <summary>Brings every reading up to date; the registry calls it before each scrape.</summary>
    internal void Read()
    {
        lock (_gate)
        {
            var s = _sources;
            _callsUp.Set(s.CallsUp?.Invoke() ?? 0);
            if (s.RecordsDropped is { } dropped) _dropped.IncTo(dropped());
            if (s.RecorderErrors is { } recorder) _databaseErrors.WithLabels("call_recorder").IncTo(recorder());
            if (s.LookupDatabaseErrors is { } lookups) _databaseErrors.WithLabels("lookups").IncTo(lookups());
            if (s.PacingLateness is { } lateness) _lateness.Update(lateness());
            if (s.PacingSendJitter is { } jitter) _sendJitter.Update(jitter());
            if (s.PacingBursts is { } bursts) _bursts.Update(bursts());
            if (s.PacingStreams is { } streams) UpdatePacingStreams(streams());
            if (s.SipDrops is { } sipDrops) UpdateSipDrops(sipDrops());
            for (var generation = 0; generation <= 2; generation++)
                _gcCollections.WithLabels(Generations[generation]).IncTo(GC.CollectionCount(generation));
            _gcPause.IncTo(GC.GetTotalPauseDuration().TotalSeconds);
            _gcStops.Update(GcStops.Process.Snapshot());
            _allocated.IncTo(GC.GetTotalAllocatedBytes());
            _threadPoolItems.IncTo(ThreadPool.CompletedWorkItemCount);
            SetVersion(s.FlowVersion?.Invoke());
        }
    }

    private static readonly string[] Generations = ["0", "1", "2"];

    private void UpdatePacingStreams(int[] perThread)
    {
        for (var thread = 0; thread < perThread.Length; thread++)
            _pacingStreams.WithLabels(thread.ToString(System.Globalization.CultureInfo.InvariantCulture)).Set(perThread[thread]);
    }

    private void UpdateSipDrops(SipDropCounts drops)
    {
        _sipDropped.WithLabels("over_budget").IncTo(drops.OverBudget);
        _sipDropped.WithLabels("work_queue_full").IncTo(drops.WorkQueueFull);
        _sipDropped.WithLabels("source_queue_full").IncTo(drops.SourceQueueFull);
        _sipDropped.WithLabels("all_queues_full").IncTo(drops.AllQueuesFull);
        _sipDropped.WithLabels("malformed").IncTo(drops.Malformed);
    }

    private void SetVersion(string? version)
    {
        if (version == _version) return;
        if (_version is not null) _flowVersion.RemoveLabelled(_version);
        if (version is not null) _flowVersion.WithLabels(version).Set(1);
        _version = version;
    }
}
