namespace Ivr.OperationsConsole.Memory;

/// <summary>
/// Gives back to the system the memory a large piece of console work (a CSV export of thousands of calls) left in the
/// GC heap: the server GC keeps what it allocated committed, so a month's export left ~40 MB of RSS behind (issue 17).
/// <see cref="Request"/> asks for one full, compacting collection (<see cref="GCCollectionMode.Aggressive"/>, which also
/// decommits the free space) <see cref="Delay"/> after the last request, so exports in a row cost one collection, and
/// never more often than once per <see cref="MinInterval"/>. A collection stops every managed thread, the pacing thread
/// included, for the time it takes (23–36 ms measured on a 300k-call database): so it runs only while this node holds no
/// call — a caller never hears it — and a trim asked for while calls are up waits, re-checked every <see cref="IdleCheck"/>,
/// until the node is idle (at night on a hotline; at once on a node that serves only the console).
/// </summary>
public sealed class HeapTrim : IDisposable
{
    /// <summary>Time from the last request to the collection: work that comes in a burst is trimmed once.</summary>
    public static readonly TimeSpan Delay = TimeSpan.FromSeconds(2);

    /// <summary>At most one collection per this interval, however many requests come.</summary>
    public static readonly TimeSpan MinInterval = TimeSpan.FromSeconds(60);

    /// <summary>How often a pending trim looks again whether the node's calls have ended.</summary>
    public static readonly TimeSpan IdleCheck = TimeSpan.FromSeconds(10);

    private readonly TimeProvider _time;
    private readonly Action _collect;
    private readonly Func<bool> _callsUp;
    private readonly ITimer _timer;
    private readonly Lock _gate = new();
    private DateTimeOffset? _lastCollection;

    /// <param name="callsUp">Whether this node holds a call now: the trim waits while it does.</param>
    /// <param name="log">Told each trim's pause and the heap before and after (the server's log).</param>
    public HeapTrim(TimeProvider time, Func<bool> callsUp, Action<string> log) : this(time, callsUp, () => Collect(log)) { }

    /// <param name="collect">What a trim runs (a test counts it).</param>
    public HeapTrim(TimeProvider time, Func<bool> callsUp, Action collect)
    {
        _time = time;
        _callsUp = callsUp;
        _collect = collect;
        _timer = time.CreateTimer(_ => Fire(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Collections run so far.</summary>
    public int Collections { get; private set; }

    /// <summary>Asks for a trim <see cref="Delay"/> from now (or once <see cref="MinInterval"/> has passed since the last one).</summary>
    public void Request()
    {
        lock (_gate) _timer.Change(Until(_time.GetUtcNow() + Delay), Timeout.InfiniteTimeSpan);
    }

    private void Fire()
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            if (_lastCollection is { } last && now - last < MinInterval)
            {
                _timer.Change(Until(last + MinInterval), Timeout.InfiniteTimeSpan);
                return;
            }

            if (_callsUp())
            {
                _timer.Change(IdleCheck, Timeout.InfiniteTimeSpan);
                return;
            }

            _lastCollection = now;
            Collections++;
        }

        _collect();
    }

    private static void Collect(Action<string> log)
    {
        var heap = GC.GetGCMemoryInfo();
        var paused = GC.GetTotalPauseDuration();
        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        var after = GC.GetGCMemoryInfo();
        log($"heap trim after a large export: paused {(GC.GetTotalPauseDuration() - paused).TotalMilliseconds:0.0} ms, GC heap committed "
            + $"{heap.TotalCommittedBytes >> 20} -> {after.TotalCommittedBytes >> 20} MB");
    }

    private TimeSpan Until(DateTimeOffset at)
    {
        var wait = at - _time.GetUtcNow();
        return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
    }

    public void Dispose() => _timer.Dispose();
}
