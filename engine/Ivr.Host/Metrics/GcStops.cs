using Ivr.Host.Collections;
using Ivr.Media.Playout;

namespace Ivr.Host.Metrics;

/// <summary>
/// How long each garbage collection stopped this process — every pacing thread, so every call's outbound audio, with it
/// — in the pacing histograms' buckets. <see cref="Process"/> hears of the process's collections after each one
/// (<see cref="CollectionWatch"/>) and records the last collection of each kind — that collection, and a background
/// collection that ended since. A collection not heard of by itself (see <see cref="CollectionWatch"/>) is not seen: its
/// stop is still in the total, <c>ivr_gc_pause_seconds_total</c>, and <see cref="Unseen"/> counts it.
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
        CollectionWatch.Listen(stops.RecordLast);
        return stops;
    }
}
