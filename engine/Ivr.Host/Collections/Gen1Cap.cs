namespace Ivr.Host.Collections;

/// <summary>
/// Collects gen1 before it grows large. A call's state lives for minutes: it outlives gen0 and gen1 and dies in gen2, and
/// each gen1 copies what the calls set up since the gen1 before still keep — the longer between two gen1s, the longer
/// every stream stops for the copy (a hotline's steady state, 1,000 calls of 3 minutes: one gen1 in 8 minutes, its stop
/// in the 20–50 ms bucket; a ramp of 1,000 calls: one gen1, 22–23 ms). The runtime's gen1 budget can be capped only by an
/// environment variable (<c>GCGen1MaxBudget</c>, no runtimeconfig name), so this caps gen1 in code: after each gen0
/// (<see cref="CollectionWatch"/>) that leaves gen1 holding at least <see cref="Cap"/> bytes it asks for one blocking
/// gen1 collection, made on a thread-pool thread — never more than one asked for at a time.
/// </summary>
public sealed class Gen1Cap
{
    /// <summary>Gen1's size, per GC heap, at which it is collected: half gen0's capped budget (Ivr.Host.csproj), so a
    /// gen1 copies about what two gen0s promoted. 1 MB a heap doubled the gen1s for no shorter stop (20–25 % more time
    /// stopped: engine/Ivr.Media/README.md, "The steady state over 20 minutes").</summary>
    public const long BytesPerHeap = 2L << 20;

    private readonly Action<Action> _queue;
    private readonly Action _collect;
    private readonly object _gate = new();
    private long _lastIndex;
    private bool _pending;
    private long _requested;

    /// <param name="cap">Gen1's size in bytes (all heaps) at which a gen1 is asked for.</param>
    /// <param name="queue">Runs the collection off the finalizer thread.</param>
    /// <param name="collect">The gen1 collection itself.</param>
    public Gen1Cap(long cap, Action<Action> queue, Action collect)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(cap);
        Cap = cap;
        _queue = queue;
        _collect = collect;
    }

    public long Cap { get; }

    /// <summary>Gen1 collections asked for so far.</summary>
    public long Requested
    {
        get
        {
            lock (_gate) return _requested;
        }
    }

    /// <summary>Caps this process's gen1 at <see cref="BytesPerHeap"/> a GC heap until disposed.</summary>
    public static IDisposable Start(Action<string> log)
    {
        var heaps = GC.GetConfigurationVariables().TryGetValue("HeapCount", out var count) ? Convert.ToInt64(count) : 1;
        var cap = new Gen1Cap(BytesPerHeap * Math.Max(1, heaps),
            static collection => ThreadPool.UnsafeQueueUserWorkItem(static c => c(), collection, preferLocal: false),
            static () => GC.Collect(1, GCCollectionMode.Forced, blocking: true));
        log($"gen1 collected when it holds {cap.Cap >> 20} MB ({heaps} GC heap{(heaps == 1 ? "" : "s")})");
        return CollectionWatch.Listen(cap.HeardLast);
    }

    /// <summary>Collection <paramref name="index"/> collected <paramref name="generation"/> and left gen1 holding
    /// <paramref name="gen1Bytes"/>: after a gen0 that leaves gen1 at the cap, one gen1 is asked for unless one is already
    /// asked for and not yet made. A collection heard of again is ignored.</summary>
    public void Heard(long index, int generation, long gen1Bytes)
    {
        lock (_gate)
        {
            if (index <= _lastIndex) return;
            _lastIndex = index;
            if (generation != 0 || gen1Bytes < Cap || _pending) return;
            _pending = true;
            _requested++;
        }

        _queue(Collect);
    }

    private void Collect()
    {
        try
        {
            _collect();
        }
        finally
        {
            lock (_gate) _pending = false;
        }
    }

    private void HeardLast()
    {
        var last = GC.GetGCMemoryInfo(GCKind.Ephemeral);
        Heard(last.Index, last.Generation, last.GenerationInfo[1].SizeAfterBytes);
    }
}
