namespace Ivr.Core.Serial;

/// <summary>
/// A small set of dedicated event threads (one per core by default) where calls handle their events — keys, prompt ends,
/// media timeouts, SIP reports — instead of the shared thread pool, whose ordinary-priority threads time-share the cores
/// with everything else (issue 13: the hop from the RTP receive thread to the call was the key → prompt p99). Each call
/// is given one <see cref="EventLane"/> (round robin) for its life, so its events keep their order. At start each thread
/// asks for SCHED_FIFO below the pacing threads, else nice −10 (<see cref="ThreadScheduling"/>); what it got is logged
/// once, and without either it runs at ordinary priority.
/// <para>
/// A watchdog on the injected clock checks every half <see cref="StallAfter"/>: a handler running longer
/// (a slow synchronous call, a flow bug) has its lane's waiting calls handed to the thread pool until it returns, so a
/// blocked handler delays the other calls of its lane by at most about <see cref="StallAfter"/>.
/// </para>
/// </summary>
public sealed class EventThreads : IDisposable
{
    /// <summary>How long one handler may run before its lane's other calls go to the thread pool.</summary>
    public static readonly TimeSpan DefaultStallAfter = TimeSpan.FromMilliseconds(100);

    private readonly EventLane[] _lanes;
    private readonly TimeProvider _time;
    private readonly Action<string> _log;
    private readonly Func<EventPriority> _raise;
    private readonly object _gate = new();
    private Thread[]? _threads;
    private ITimer? _watchdog;
    private int _next = -1;

    /// <param name="threads">How many event threads (at least one).</param>
    /// <param name="raise">How each thread raises itself (tests: a refusal); by default <see cref="ThreadScheduling.RaiseCurrentEventThread"/>.</param>
    public EventThreads(int threads, TimeProvider time, Action<string> log, TimeSpan? stallAfter = null, Func<EventPriority>? raise = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _log = log ?? throw new ArgumentNullException(nameof(log));
        _raise = raise ?? ThreadScheduling.RaiseCurrentEventThread;
        StallAfter = stallAfter ?? DefaultStallAfter;
        _lanes = Enumerable.Range(0, threads).Select(i => new EventLane($"ivr-events-{i}", time, log)).ToArray();
    }

    public TimeSpan StallAfter { get; }

    public IReadOnlyList<EventLane> Lanes => _lanes;

    /// <summary>What the threads got at start (the lowest of them); Normal before <see cref="Start"/>.</summary>
    public EventPriority Priority { get; private set; }

    /// <summary>The lane for a new call: round robin over the threads.</summary>
    public EventLane NextLane() => _lanes[(int)((uint)Interlocked.Increment(ref _next) % (uint)_lanes.Length)];

    /// <summary>Starts the threads and the watchdog, and logs once what priority the threads got.</summary>
    public void Start()
    {
        lock (_gate)
        {
            if (_threads is not null) throw new InvalidOperationException("the event threads are already running");
            using var started = new CountdownEvent(_lanes.Length);
            _threads = _lanes.Select(lane => new Thread(() => lane.Run(_raise, () => started.Signal()))
            {
                IsBackground = true,
                Name = lane.Name,
            }).ToArray();
            foreach (var thread in _threads) thread.Start();
            started.Wait();
            Priority = _lanes.Min(l => l.Priority);
            _log(Priority switch
            {
                EventPriority.RealTime => $"events: {_lanes.Length} event thread(s), real-time (SCHED_FIFO {ThreadScheduling.EventRealTimeLevel}, below the pacing threads)",
                EventPriority.Raised => $"events: {_lanes.Length} event thread(s) at nice {ThreadScheduling.RaisedNice} (no real-time priority)",
                _ => $"events: {_lanes.Length} event thread(s) at ordinary priority (raising needs CAP_SYS_NICE); on a busy machine keys may be answered late",
            });
            var period = StallAfter / 2;
            _watchdog = _time.CreateTimer(static s => ((EventThreads)s!).Watch(), this, period, period);
        }
    }

    /// <summary>Stops the threads after the handler each is running; work still waiting goes to the thread pool.</summary>
    public void Stop()
    {
        Thread[]? threads;
        lock (_gate)
        {
            threads = _threads;
            _threads = null;
            _watchdog?.Dispose();
            _watchdog = null;
        }

        foreach (var lane in _lanes) lane.Stop();
        foreach (var thread in threads ?? [])
            if (thread != Thread.CurrentThread && !thread.Join(TimeSpan.FromSeconds(5))) _log($"events: {thread.Name} did not stop within 5 s");
        if (threads is not null) _log(Summary());
    }

    /// <summary>What the handlers cost since start, over all threads: counts by duration, the longest, the stalls.</summary>
    public string Summary()
    {
        var counts = new long[HandlerDurations.UpperBounds.Count + 1];
        var longest = 0.0;
        foreach (var lane in _lanes)
        {
            var c = lane.Durations.Counts();
            for (var i = 0; i < counts.Length; i++) counts[i] += c[i];
            longest = Math.Max(longest, lane.Durations.Longest);
        }

        return $"events: handlers run {counts.Sum()}: ≤ 0.1 ms {counts[0]}, ≤ 1 ms {counts[1]}, ≤ 10 ms {counts[2]}, ≤ 100 ms {counts[3]}, " +
               $"longer {counts[4]}; longest {longest * 1000:0.###} ms; stalls handed to the thread pool {_lanes.Sum(l => l.Stalls)}";
    }

    public void Dispose() => Stop();

    /// <summary>One look of the watchdog (the timer calls it; tests may too).</summary>
    internal void Watch()
    {
        foreach (var lane in _lanes) lane.HandOffIfStalled(StallAfter);
    }
}
