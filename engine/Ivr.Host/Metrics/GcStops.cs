using Ivr.Media.Playout;

namespace Ivr.Host.Metrics;

/// <summary>
/// How long each garbage collection stopped this process — every pacing thread, so every call's outbound audio, with it
/// — in the pacing histograms' buckets. <see cref="Process"/> hears of the process's collections after each one: a
/// finalizable sentinel that nothing references dies in the next collection, and its finalizer records that
/// collection's pauses (<see cref="GC.GetGCMemoryInfo(GCKind)"/>) and makes the next sentinel (the way the runtime's
/// array pools hear of gen2 collections). No event session, no timer: nothing runs between collections. A collection that
/// came before the finalizer of the one before it ran is not seen (its stop is still in the total,
/// <c>ivr_gc_pause_seconds_total</c>); <see cref="Unseen"/> counts them.
/// </summary>
public sealed class GcStops
{
    private static readonly Lazy<GcStops> Watched = new(StartWatching);

    private readonly LatenessHistogram _histogram = new(TimeSpan.TicksPerSecond);
    private readonly object _gate = new();
    private long _lastIndex;
    private long _unseen;

    /// <summary>A record told by <see cref="Record"/> alone; <see cref="Process"/> is the one that watches.</summary>
    public GcStops()
    {
    }

    /// <summary>This process's collections, watched from the first time it is asked for.</summary>
    public static GcStops Process => Watched.Value;

    /// <summary>Collections that ended before the one before them was recorded, so their stops are not in the buckets.</summary>
    public long Unseen
    {
        get
        {
            lock (_gate) return _unseen;
        }
    }

    /// <summary>Records the stops of collection number <paramref name="index"/> (a blocking collection has one, a
    /// background one two); a collection recorded already is ignored, and numbers skipped count as <see cref="Unseen"/>.</summary>
    public void Record(long index, ReadOnlySpan<TimeSpan> pauses)
    {
        lock (_gate)
        {
            if (index <= _lastIndex) return;
            if (_lastIndex > 0 && index > _lastIndex + 1) _unseen += index - _lastIndex - 1;
            _lastIndex = index;
            foreach (var pause in pauses)
                if (pause > TimeSpan.Zero) _histogram.Record(pause.Ticks, 1);
        }
    }

    /// <summary>The stops recorded so far, per bucket of <see cref="LatenessHistogram.UpperBounds"/> (then one for longer).</summary>
    public LatenessSnapshot Snapshot()
    {
        lock (_gate) return _histogram.Snapshot();
    }

    private void RecordLast()
    {
        var last = GC.GetGCMemoryInfo(GCKind.Any);
        Record(last.Index, last.PauseDurations);
    }

    private static GcStops StartWatching()
    {
        var stops = new GcStops();
        Sentinel.Leave(stops);
        return stops;
    }

    /// <summary>Unreferenced from birth: the next collection finds it dead and queues its finalizer.</summary>
    private sealed class Sentinel
    {
        private readonly GcStops _stops;

        private Sentinel(GcStops stops) => _stops = stops;

        public static void Leave(GcStops stops) => _ = new Sentinel(stops);

        ~Sentinel() // .NET runs no finalizer at exit, so this runs only after a collection
        {
            _stops.RecordLast();
            Leave(_stops);
        }
    }
}
