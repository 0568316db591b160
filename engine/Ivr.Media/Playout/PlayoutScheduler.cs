using Ivr.Media.Codecs;
using Ivr.Media.Rtp;

namespace Ivr.Media.Playout;

/// <summary>
/// Paces the outbound audio of all calls: a few dedicated threads (not a timer per call) each wake
/// at absolute 20 ms deadlines — start + n × 20 ms, so errors never accumulate — and ask each of their
/// streams for its next frame. A thread more than 3 frames behind (a stall) skips ahead rather than
/// bursting. Streams are spread over the threads by load and may be added or removed at any time.
/// <para>
/// Time comes from the injected <see cref="TimeProvider"/>. <see cref="Start"/> runs the real threads
/// (sleeping to 1 ms before each deadline, then yielding); tests instead call <see cref="Tick"/> and
/// advance a fake clock, which drives every stream deterministically.
/// </para>
/// </summary>
public sealed class PlayoutScheduler : IDisposable
{
    public static readonly TimeSpan FrameInterval = TimeSpan.FromMilliseconds(20);

    private readonly TimeProvider _time;
    private readonly PlayoutShard[] _shards;
    private readonly Action<Exception>? _onError;
    private readonly object _gate = new();
    private Thread[]? _threads;
    private volatile bool _stopping;

    /// <param name="threads">Number of pacing threads; one serves hundreds of calls.</param>
    /// <param name="onError">Told about exceptions thrown by a stream's sink or completion callback.</param>
    public PlayoutScheduler(TimeProvider timeProvider, int threads = 1, Action<Exception>? onError = null)
    {
        _time = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
        if (threads < 1) throw new ArgumentOutOfRangeException(nameof(threads), threads, "at least one thread");
        _shards = Enumerable.Range(0, threads).Select(_ => new PlayoutShard()).ToArray();
        _onError = onError;
    }

    public TimeProvider TimeProvider => _time;

    public int StreamCount => _shards.Sum(s => s.Count);

    /// <summary>Exceptions caught from sinks and callbacks.</summary>
    public long Errors => _shards.Sum(s => s.Errors);

    public bool IsRunning => _threads is not null;

    /// <summary>Registers a call's outbound stream; it sends nothing until a prompt is enqueued.</summary>
    public PlayoutStream AddStream(G711Law law, RtpSender sender, PacketSink send, Action<PromptCompletion>? onCompleted = null)
    {
        ArgumentNullException.ThrowIfNull(sender);
        ArgumentNullException.ThrowIfNull(send);
        if (sender.PayloadType != (byte)law)
            throw new ArgumentException($"the sender's payload type {sender.PayloadType} is not {law}'s ({(byte)law})", nameof(sender));
        var stream = new PlayoutStream(law, sender, send, onCompleted);
        _shards.MinBy(s => s.Count)!.Add(stream);
        return stream;
    }

    /// <summary>Removes a stream; its prompts complete as <see cref="PlayoutEndReason.Removed"/> on the next tick.</summary>
    public void RemoveStream(PlayoutStream stream) => stream.MarkRemoved();

    /// <summary>One 20 ms step for every stream, on the calling thread (tests, or a custom driver);
    /// not while the pacing threads run.</summary>
    public void Tick()
    {
        if (IsRunning) throw new InvalidOperationException("the pacing threads are running; Tick is for driving a stopped scheduler");
        foreach (var shard in _shards) shard.Tick(_onError);
    }

    /// <summary>Starts the pacing threads.</summary>
    public void Start()
    {
        lock (_gate)
        {
            if (_threads is not null) throw new InvalidOperationException("the scheduler is already running");
            _stopping = false;
            _threads = _shards.Select((shard, i) => new Thread(() => Run(shard))
            {
                IsBackground = true,
                Name = $"ivr-playout-{i}",
                Priority = ThreadPriority.AboveNormal,
            }).ToArray();
            foreach (var thread in _threads) thread.Start();
        }
    }

    /// <summary>Stops the pacing threads and waits for them.</summary>
    public void Stop()
    {
        Thread[]? threads;
        lock (_gate)
        {
            threads = _threads;
            _threads = null;
            _stopping = true;
        }

        foreach (var thread in threads ?? []) thread.Join();
    }

    public PlayoutStatistics Statistics()
    {
        var all = _shards.Select(s => s.Statistics(_time.TimestampFrequency)).ToArray();
        var ticks = all.Sum(s => s.Ticks);
        var mean = ticks == 0 ? TimeSpan.Zero : TimeSpan.FromTicks((long)all.Sum(s => s.MeanLateness.Ticks * (double)s.Ticks) / ticks);
        return new PlayoutStatistics(ticks, mean, all.Max(s => s.MaxLateness), all.Sum(s => s.TicksLaterThan2Ms), all.Sum(s => s.Resyncs));
    }

    public void Dispose() => Stop();

    private void Run(PlayoutShard shard)
    {
        var frequency = _time.TimestampFrequency;
        var interval = (long)(FrameInterval.TotalSeconds * frequency);
        var deadline = _time.GetTimestamp() + interval;
        while (!_stopping)
        {
            WaitUntil(deadline, frequency);
            if (_stopping) return;
            var late = _time.GetTimestamp() - deadline;
            shard.RecordLateness(Math.Max(0, late), frequency);
            shard.Tick(_onError);
            deadline += interval;
            var now = _time.GetTimestamp();
            if (now - deadline > 3 * interval)
            {
                shard.RecordResync();
                deadline = now + interval;
            }
        }
    }

    private void WaitUntil(long deadline, long frequency)
    {
        var oneMs = frequency / 1000;
        while (!_stopping)
        {
            var remaining = deadline - _time.GetTimestamp();
            if (remaining <= 0) return;
            if (remaining > 2 * oneMs) Thread.Sleep(TimeSpan.FromSeconds((double)(remaining - oneMs) / frequency));
            else Thread.Yield();
        }
    }
}
