using Ivr.Media.Playout;

namespace Ivr.Host.Metrics;

/// <summary>
/// How long each garbage collection stopped this process — every pacing thread, so every call's outbound audio, with it
/// — in the pacing histograms' buckets. <see cref="Process"/> hears of the process's collections after each one: a
/// finalizable sentinel that nothing references dies in the next collection, and its finalizer records that
/// collection's pauses — and those of a background collection that ended since (<see cref="GC.GetGCMemoryInfo(GCKind)"/>
/// per kind) — and makes the next sentinel (the way the runtime's array pools hear of gen2 collections). No event
/// session, no timer: nothing runs between collections. A collection that came before the finalizer of the one before
/// it ran is not seen (its stop is still in the total, <c>ivr_gc_pause_seconds_total</c>); <see cref="Unseen"/> counts
/// them. So does a run of gen0s after a collection that came while a finalizer still held the sentinel it had just
/// made: that moved the sentinel on to gen1, where the next gen1 or gen2 finds it.
/// </summary>
public sealed class GcStops
{
    /// <summary>How many skipped numbers are kept waiting for a background collection to end under one of them; older
    /// ones count as unseen for good.</summary>
    public const int GapsKept = 256;

    private static readonly Lazy<GcStops> Watched = new(StartWatching);
    private static readonly GCKind[] Kinds = [GCKind.Ephemeral, GCKind.FullBlocking, GCKind.Background];

    private readonly LatenessHistogram _histogram = new(TimeSpan.TicksPerSecond);
    private readonly object _gate = new();
    private readonly List<long> _gaps = [];
    private long _lastIndex;
    private long _lost;

    /// <summary>A record told by <see cref="Record"/> alone; <see cref="Process"/> is the one that watches.</summary>
    public GcStops()
    {
    }

    /// <summary>This process's collections, watched from the first time it is asked for.</summary>
    public static GcStops Process => Watched.Value;

    /// <summary>Collections numbered since the first one recorded whose stops are not in the buckets: they ended before
    /// the one before them was recorded — or, for a background collection, have not ended yet.</summary>
    public long Unseen
    {
        get
        {
            lock (_gate) return _gaps.Count + _lost;
        }
    }

    /// <summary>Records the stops of collection number <paramref name="index"/> (a blocking collection has one, a
    /// background one two). A collection recorded already is ignored; numbers skipped wait as unseen, since a background
    /// collection ends after the collections numbered after it that ran meanwhile.</summary>
    public void Record(long index, ReadOnlySpan<TimeSpan> pauses)
    {
        lock (_gate)
        {
            if (index > _lastIndex)
            {
                if (_lastIndex > 0)
                {
                    var firstKept = Math.Max(_lastIndex + 1, index - GapsKept);
                    _lost += firstKept - (_lastIndex + 1);
                    for (var skipped = firstKept; skipped < index; skipped++) Skip(skipped);
                }

                _lastIndex = index;
            }
            else if (!_gaps.Remove(index))
            {
                return;
            }

            foreach (var pause in pauses)
                if (pause > TimeSpan.Zero) _histogram.Record(pause.Ticks, 1);
        }
    }

    /// <summary>The stops recorded so far, per bucket of <see cref="LatenessHistogram.UpperBounds"/> (then one for longer).</summary>
    public LatenessSnapshot Snapshot()
    {
        lock (_gate) return _histogram.Snapshot();
    }

    private void Skip(long index)
    {
        if (_gaps.Count == GapsKept)
        {
            _gaps.RemoveAt(0);
            _lost++;
        }

        _gaps.Add(index);
    }

    /// <summary>The last collection of each kind, the newest number first (so the first time, the ones before are not
    /// owed): the last one of all would hide the gen0 just ended behind a background collection that ended after it,
    /// and that background collection behind the gen0s numbered after it.</summary>
    private void RecordLast()
    {
        var last = new GCMemoryInfo[Kinds.Length];
        for (var i = 0; i < Kinds.Length; i++) last[i] = GC.GetGCMemoryInfo(Kinds[i]);
        Array.Sort(last, static (a, b) => b.Index.CompareTo(a.Index));
        foreach (var info in last)
            if (info.Index > 0) Record(info.Index, info.PauseDurations);
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
