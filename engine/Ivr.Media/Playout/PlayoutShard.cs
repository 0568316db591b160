namespace Ivr.Media.Playout;

/// <summary>
/// The streams one scheduler thread serves. The stream list is copy-on-write, so adding or removing a
/// stream never blocks a tick and a tick allocates nothing. Lateness statistics are written by the
/// ticking thread only. A pacing thread with no stream parks in <see cref="WaitForStreams"/>; <see cref="Add"/>
/// wakes it.
/// </summary>
internal sealed class PlayoutShard
{
    private readonly object _gate = new();
    private readonly ManualResetEventSlim _streamAdded = new(false, spinCount: 0);
    private PlayoutStream[] _streams = [];
    private long _ticks;
    private long _latenessSum;
    private long _latenessMax;
    private long _lateTicks;
    private long _resyncs;
    private long _errors;

    public int Count => Volatile.Read(ref _streams).Length;

    public long Errors => Interlocked.Read(ref _errors);

    public void Add(PlayoutStream stream)
    {
        lock (_gate) Volatile.Write(ref _streams, [.. _streams, stream]);
        _streamAdded.Set();
    }

    /// <summary>Blocks while the shard has no stream. Returns false when <paramref name="stop"/> ended the wait.</summary>
    public bool WaitForStreams(CancellationToken stop)
    {
        _streamAdded.Reset();
        if (Count > 0) return true; // added between the caller's check and the reset: no wake-up is lost
        try
        {
            _streamAdded.Wait(stop);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>One tick for every stream; a stream whose sink or callback throws does not stop the others.</summary>
    public void Tick(Action<Exception>? onError)
    {
        var detached = false;
        foreach (var stream in Volatile.Read(ref _streams))
        {
            detached |= stream.Tick(out var failure);
            if (failure is null) continue;
            Interlocked.Increment(ref _errors);
            onError?.Invoke(failure);
        }

        if (detached)
        {
            lock (_gate) Volatile.Write(ref _streams, _streams.Where(s => !s.Detached).ToArray());
        }
    }

    public void RecordLateness(long lateTicks, long frequency)
    {
        _ticks++;
        _latenessSum += lateTicks;
        if (lateTicks > _latenessMax) _latenessMax = lateTicks;
        if (lateTicks > frequency / 500) _lateTicks++;
    }

    public void RecordResync() => _resyncs++;

    public PlayoutStatistics Statistics(long frequency)
    {
        var ticks = Math.Max(1, _ticks);
        return new PlayoutStatistics(
            _ticks,
            TimeSpan.FromSeconds((double)_latenessSum / ticks / frequency),
            TimeSpan.FromSeconds((double)_latenessMax / frequency),
            _lateTicks,
            _resyncs);
    }
}
