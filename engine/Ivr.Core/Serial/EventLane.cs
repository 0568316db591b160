namespace Ivr.Core.Serial;

/// <summary>
/// One event thread's queue of work (see <see cref="EventThreads"/>): the drains of the <see cref="SerialQueue{T}"/>s of the
/// calls pinned to it, run one at a time in the order posted. Posting takes a lock and enqueues a reference (nothing
/// allocated once the queue has grown) and wakes the thread only when it waits.
/// <para>
/// A handler that runs longer than the stall limit (a slow synchronous call, a flow bug) is found by the
/// <see cref="EventThreads"/> watchdog: what waits behind it and whatever is posted until it returns go to the thread
/// pool, so the lane's other calls wait one stall limit at most (each call's order is kept: a call's queue is in one
/// place at a time). A real-time lane thread is put back in the ordinary class while its handler overruns.
/// </para>
/// </summary>
public sealed class EventLane
{
    private readonly object _gate = new();
    private readonly Queue<IThreadPoolWorkItem> _items = new();
    private readonly TimeProvider _time;
    private readonly Action<string> _log;
    private readonly HandlerDurations _durations;
    private bool _waiting;
    private bool _stopping;
    private bool _busy;
    private long _busySince;
    private bool _stalled;
    private long _stalls;

    internal EventLane(string name, TimeProvider time, Action<string> log)
    {
        Name = name;
        _time = time;
        _log = log;
        _durations = new HandlerDurations(time.TimestampFrequency);
    }

    public string Name { get; }

    /// <summary>Times a handler overran the stall limit and the lane's waiting work went to the thread pool.</summary>
    public long Stalls => Interlocked.Read(ref _stalls);

    /// <summary>Work waiting for the thread.</summary>
    public int Pending
    {
        get
        {
            lock (_gate) return _items.Count;
        }
    }

    internal HandlerDurations Durations => _durations;

    /// <summary>The kernel id of the lane's thread once it runs; 0 before.</summary>
    internal int ThreadId { get; private set; }

    internal EventPriority Priority { get; private set; }

    /// <summary>Runs <paramref name="item"/> on the lane's thread after what is queued (on the pool while the lane is stalled or stopped).</summary>
    public void Post(IThreadPoolWorkItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        lock (_gate)
        {
            if (!_stalled && !_stopping)
            {
                _items.Enqueue(item);
                if (_waiting) Monitor.Pulse(_gate);
                return;
            }
        }

        ThreadPool.UnsafeQueueUserWorkItem(item, preferLocal: false);
    }

    /// <summary>The thread's body: raises itself with <paramref name="raise"/>, then runs work until <see cref="Stop"/>.</summary>
    internal void Run(Func<EventPriority> raise, Action started)
    {
        ThreadId = ThreadScheduling.CurrentThreadId();
        Priority = raise();
        started();
        while (Next() is { } item)
        {
            try
            {
                item.Execute();
            }
            catch (Exception ex)
            {
                _log($"{Name}: {ex.GetType().Name}: {ex.Message}");
            }

            Finished(raise);
        }
    }

    /// <summary>Stops taking work; what waits goes to the thread pool (nothing posted is lost).</summary>
    internal void Stop()
    {
        lock (_gate)
        {
            _stopping = true;
            while (_items.TryDequeue(out var item)) ThreadPool.UnsafeQueueUserWorkItem(item, preferLocal: false);
            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>The watchdog: when the running handler started <paramref name="limit"/> ago or more, the waiting work goes to
    /// the pool until it returns. True when it did so now.</summary>
    internal bool HandOffIfStalled(TimeSpan limit)
    {
        lock (_gate)
        {
            if (_stalled || !_busy || _time.GetElapsedTime(_busySince) < limit) return false;
            _stalled = true;
            while (_items.TryDequeue(out var item)) ThreadPool.UnsafeQueueUserWorkItem(item, preferLocal: false);
            Interlocked.Increment(ref _stalls);
            if (Priority == EventPriority.RealTime) ThreadScheduling.LowerToOrdinary(ThreadId);
            // under the lock, so this line comes before the handler's "returned" line (rare: no cost worth avoiding)
            _log($"{Name}: a handler has run for {_time.GetElapsedTime(_busySince).TotalMilliseconds:0} ms; the thread's other calls go to the thread pool until it returns");
        }

        return true;
    }

    private IThreadPoolWorkItem? Next()
    {
        lock (_gate)
        {
            while (_items.Count == 0)
            {
                if (_stopping) return null;
                _waiting = true;
                Monitor.Wait(_gate);
                _waiting = false;
            }

            _busy = true;
            _busySince = _time.GetTimestamp();
            return _items.Dequeue();
        }
    }

    private void Finished(Func<EventPriority> raise)
    {
        var ended = _time.GetTimestamp();
        bool wasStalled;
        long since;
        lock (_gate)
        {
            since = _busySince;
            _busy = false;
            wasStalled = _stalled;
            _stalled = false;
        }

        _durations.Add(ended - since);
        if (!wasStalled) return;
        if (Priority == EventPriority.RealTime) Priority = raise();
        _log($"{Name}: the long handler returned after {TimeSpan.FromSeconds((ended - since) / (double)_time.TimestampFrequency).TotalMilliseconds:0} ms; back on the event thread");
    }
}
