using Ivr.Media.Codecs;
using Ivr.Media.Rtp;

namespace Ivr.Media.Playout;

/// <summary>
/// Paces the outbound audio of all calls: a few dedicated threads (not a timer per call) each wake
/// at absolute deadlines — start + n × 2 ms, so errors never accumulate — and ask the streams of one
/// of the frame's 10 phases for their next frame (<see cref="PacingLoop"/>, <see cref="PlayoutShard"/>):
/// each stream is served every 20 ms at its own fixed offset. A thread more than 3 frames behind (a stall)
/// skips ahead rather than bursting; a thread with no stream parks until one is added. Streams are
/// spread over the threads by load and may be added or removed at any time.
/// <para>
/// Time comes from the injected <see cref="TimeProvider"/>. <see cref="Start"/> runs the real threads,
/// which sleep to each deadline on Linux with <c>ppoll</c> on an eventfd that a starting prompt writes (a
/// high-resolution timer like <c>clock_nanosleep</c>, no
/// spinning; elsewhere they sleep to 1 ms before it, then yield); tests instead call <see cref="Tick"/>
/// and advance a fake clock, which drives every stream deterministically.
/// </para>
/// <para>
/// With <c>realTimePriority</c> the pacing threads ask for the Linux real-time class (SCHED_FIFO, as media servers do
/// for their pacing threads: Asterisk <c>-p</c>, FreeSWITCH <c>-rp</c>; see <see cref="Ivr.Native.NativeThreadPriority"/>)
/// so they wake at their deadlines even when every core is busy with ordinary work (a pacing thread sleeps at every tick,
/// and the kernel's real-time throttling bounds it anyway); whether they got it is in <see cref="RealTimeThreads"/>.
/// </para>
/// </summary>
public sealed class PlayoutScheduler : IDisposable
{
    public static readonly TimeSpan FrameInterval = TimeSpan.FromMilliseconds(20);

    /// <summary>Phases of the 20 ms frame per pacing thread: a step every 2 ms serves a tenth of the streams. Forty
    /// phases (0.5 ms steps, shorter bursts) were tried and measured worse on a quiet machine: four times the wake-ups,
    /// each one late behind a task in the kernel (preempt=none), so the pacer's lateness and a key's answer grew
    /// (engine/Ivr.Media/README.md, "Pacing").</summary>
    internal const int PhasesPerFrame = 10;

    /// <summary>SCHED_FIFO priority of the pacing threads: above ordinary work, below the kernel's own threads (50).</summary>
    private const int RealTimeLevel = 10;

    private readonly TimeProvider _time;
    private readonly PlayoutShard[] _shards;
    private readonly Action<Exception>? _onError;
    private readonly object _gate = new();
    private readonly Func<TimeProvider, IDeadlineWaiter> _waiterFactory;
    private readonly bool _realTimePriority;
    private readonly int _streamsPerThread;
    private int _realTimeThreads;
    private Thread[]? _threads;
    private CancellationTokenSource? _stop;

    /// <param name="threads">Number of pacing threads; one serves hundreds of calls.</param>
    /// <param name="onError">Told about exceptions thrown by a stream's sink or completion callback.</param>
    /// <param name="realTimePriority">Ask for SCHED_FIFO for the pacing threads (Linux; needs CAP_SYS_NICE).</param>
    /// <param name="streamsPerThread">With several threads, a new stream goes to the first thread serving fewer than
    /// this many, so the next thread takes only what the first cannot (a thread that wakes 500 times a second for a
    /// handful of streams costs more than it saves); 0: always to the least loaded.</param>
    public PlayoutScheduler(TimeProvider timeProvider, int threads = 1, Action<Exception>? onError = null, bool realTimePriority = false,
        int streamsPerThread = 0)
        : this(timeProvider, threads, onError, DefaultWaiter, realTimePriority, streamsPerThread)
    {
    }

    /// <param name="waiterFactory">How each pacing thread waits for its deadlines (tests: a fake clock's).</param>
    internal PlayoutScheduler(TimeProvider timeProvider, int threads, Action<Exception>? onError, Func<TimeProvider, IDeadlineWaiter> waiterFactory,
        bool realTimePriority = false, int streamsPerThread = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(streamsPerThread);
        _streamsPerThread = streamsPerThread;
        _waiterFactory = waiterFactory;
        _realTimePriority = realTimePriority;
        _time = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
        if (threads < 1) throw new ArgumentOutOfRangeException(nameof(threads), threads, "at least one thread");
        _shards = Enumerable.Range(0, threads).Select(_ => new PlayoutShard(PhasesPerFrame)).ToArray();
        _onError = onError;
    }

    public TimeProvider TimeProvider => _time;

    public int StreamCount => _shards.Sum(s => s.Count);

    /// <summary>Streams each pacing thread serves, in thread order (a metric: when the next thread takes over).</summary>
    public int[] StreamsPerThread() => Array.ConvertAll(_shards, s => s.Count);

    /// <summary>Exceptions caught from sinks and callbacks.</summary>
    public long Errors => _shards.Sum(s => s.Errors);

    public bool IsRunning => _threads is not null;

    /// <summary>How many running pacing threads got real-time priority (known once <see cref="Start"/> returned).</summary>
    public int RealTimeThreads => Volatile.Read(ref _realTimeThreads);

    /// <summary>Registers a call's outbound stream; it sends nothing until a prompt is enqueued.</summary>
    public PlayoutStream AddStream(G711Law law, RtpSender sender, PacketSink send, Action<PromptCompletion>? onCompleted = null)
    {
        ArgumentNullException.ThrowIfNull(sender);
        ArgumentNullException.ThrowIfNull(send);
        if (sender.PayloadType != (byte)law)
            throw new ArgumentException($"the sender's payload type {sender.PayloadType} is not {law}'s ({(byte)law})", nameof(sender));
        var stream = new PlayoutStream(law, sender, send, onCompleted);
        ShardFor().Add(stream);
        return stream;
    }

    /// <summary>The first shard under <see cref="_streamsPerThread"/> streams, else the least loaded.</summary>
    private PlayoutShard ShardFor() => FillFirst.Choose(_shards, _streamsPerThread, static shard => shard.Count);

    /// <summary>Removes a stream; its prompts complete as <see cref="PlayoutEndReason.Removed"/> on the next tick.</summary>
    public void RemoveStream(PlayoutStream stream) => stream.MarkRemoved();

    /// <summary>One 20 ms step for every stream, on the calling thread (tests, or a custom driver);
    /// not while the pacing threads run.</summary>
    public void Tick()
    {
        if (IsRunning) throw new InvalidOperationException("the pacing threads are running; Tick is for driving a stopped scheduler");
        foreach (var shard in _shards) shard.TickAll(_onError);
    }

    /// <summary>Starts the pacing threads.</summary>
    public void Start()
    {
        lock (_gate)
        {
            if (_threads is not null) throw new InvalidOperationException("the scheduler is already running");
            var stop = _stop = new CancellationTokenSource();
            using var started = new CountdownEvent(_shards.Length);
            _realTimeThreads = 0;
            _threads = _shards.Select((shard, i) => new Thread(() =>
            {
                if (_realTimePriority && Ivr.Native.NativeThreadPriority.TrySetRealTime(RealTimeLevel)) Interlocked.Increment(ref _realTimeThreads);
                TimerSlack.TryMinimiseForCurrentThread();
                started.Signal();
                var waiter = _waiterFactory(_time);
                try
                {
                    new PacingLoop(shard, _time, waiter, _onError).Run(stop.Token);
                }
                finally
                {
                    // Only its own: a thread that outlived Stop's wait must not take the next Start's signal away.
                    Action wake = waiter.Wake;
                    if (Equals(shard.StartSignal, wake)) shard.StartSignal = null;
                    (waiter as IDisposable)?.Dispose();
                }
            })
            {
                IsBackground = true,
                Name = $"ivr-playout-{i}",
                Priority = ThreadPriority.AboveNormal,
            }).ToArray();
            foreach (var thread in _threads) thread.Start();
            started.Wait();
        }
    }

    /// <summary>Stops the pacing threads and waits for them.</summary>
    public void Stop()
    {
        Thread[]? threads;
        CancellationTokenSource? stop;
        lock (_gate)
        {
            threads = _threads;
            stop = _stop;
            _threads = null;
            _stop = null;
        }

        stop?.Cancel();
        foreach (var thread in threads ?? [])
        {
            // A stop asked from a pacing callback must not wait for its own thread (it ends when the callback returns),
            // and a callback stuck elsewhere must not hang the stop: it is reported and the thread left to end on its own.
            if (thread == Thread.CurrentThread) continue;
            for (var waited = 0; !thread.Join(TimeSpan.FromSeconds(1)); waited++)
            {
                if (waited < 4) continue;
                _onError?.Invoke(new TimeoutException($"pacing thread {thread.Name} did not stop within 5 s"));
                break;
            }
        }

        if (threads?.Contains(Thread.CurrentThread) != true) stop?.Dispose();
    }

    public PlayoutStatistics Statistics()
    {
        var all = _shards.Select(s => s.Statistics(_time.TimestampFrequency)).ToArray();
        var ticks = all.Sum(s => s.Ticks);
        var mean = ticks == 0 ? TimeSpan.Zero : TimeSpan.FromTicks((long)all.Sum(s => s.MeanLateness.Ticks * (double)s.Ticks) / ticks);
        return new PlayoutStatistics(ticks, mean, all.Max(s => s.MaxLateness), all.Sum(s => s.TicksLaterThan2Ms), all.Sum(s => s.Resyncs));
    }

    /// <summary>How late the streams were served, added over the pacing threads (allocates: for a scraper, not the pacing path).</summary>
    public LatenessSnapshot Lateness() => Sum(shard => shard.Lateness);

    /// <summary>Every pacing thread's per-packet send jitter (|gap − 20 ms| of each packet that continued its stream's
    /// talkspurt, taken just before the send) added up, same buckets as <see cref="Lateness"/>.</summary>
    public LatenessSnapshot SendJitter() => Sum(shard => shard.Timings?.Jitter);

    /// <summary>How long every pacing thread's steps took to send their bursts (one count per step with streams).</summary>
    public LatenessSnapshot Bursts() => Sum(shard => shard.Timings?.Bursts);

    private LatenessSnapshot Sum(Func<PlayoutShard, LatenessHistogram?> histogram)
    {
        var counts = new long[LatenessHistogram.UpperBounds.Count + 1];
        var sums = new double[counts.Length];
        foreach (var shard in _shards) histogram(shard)?.AddTo(counts, sums);
        return new LatenessSnapshot(counts, sums);
    }

    public void Dispose() => Stop();

    private static IDeadlineWaiter DefaultWaiter(TimeProvider time) =>
        MonotonicDeadlineSleeper.IsSupported ? new MonotonicDeadlineSleeper(time) : new SleepThenYieldWaiter(time);
}
