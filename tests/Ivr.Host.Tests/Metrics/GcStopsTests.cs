using Ivr.Host.Metrics;
using Ivr.Media.Playout;

namespace Ivr.Host.Tests.Metrics;

/// <summary>How the collections' stops are recorded: once per collection, every stop of it, skipped numbers counted.</summary>
public sealed class GcStopsTests
{
    private static int Bucket(double seconds)
    {
        var bounds = LatenessHistogram.UpperBounds;
        var i = 0;
        while (i < bounds.Count && seconds > bounds[i]) i++;
        return i;
    }

    [Fact]
    public void Record_EachCollectionOnce_EveryStopOfIt()
    {
        var stops = new GcStops();
        stops.Record(7, [TimeSpan.FromMilliseconds(3)]);
        stops.Record(7, [TimeSpan.FromMilliseconds(3)]); // heard of twice: one collection
        stops.Record(8, [TimeSpan.FromMilliseconds(0.4), TimeSpan.FromMilliseconds(30)]); // a background collection stops twice

        var snapshot = stops.Snapshot();
        Assert.Equal(3, snapshot.Count);
        Assert.Equal(1, snapshot.Counts[Bucket(0.003)]);
        Assert.Equal(1, snapshot.Counts[Bucket(0.0004)]);
        Assert.Equal(1, snapshot.Counts[Bucket(0.030)]);
        Assert.Equal(0.0334, snapshot.Sums.Sum(), 9);
        Assert.Equal(0, stops.Unseen);
    }

    [Fact]
    public void Record_AnOlderCollectionAfterANewer_IsIgnored()
    {
        var stops = new GcStops();
        stops.Record(10, [TimeSpan.FromMilliseconds(5)]);
        stops.Record(9, [TimeSpan.FromMilliseconds(50)]);

        Assert.Equal(1, stops.Snapshot().Count);
        Assert.Equal(0.005, stops.Snapshot().Sums.Sum(), 9);
    }

    [Fact]
    public void Record_SkippedCollections_CountAsUnseen_NotAsStops()
    {
        var stops = new GcStops();
        stops.Record(3, [TimeSpan.FromMilliseconds(2)]); // the first one heard of: nothing before it is owed
        stops.Record(6, [TimeSpan.FromMilliseconds(2)]); // 4 and 5 came and went before 3 was recorded

        Assert.Equal(2, stops.Snapshot().Count);
        Assert.Equal(2, stops.Unseen);
    }

    [Fact]
    public void Record_ABackgroundCollectionEndingAfterNewerOnes_IsRecordedInItsGap()
    {
        var stops = new GcStops();
        stops.Record(20, [TimeSpan.FromMilliseconds(1)]);
        stops.Record(23, [TimeSpan.FromMilliseconds(2)]); // 21 (background) still running, 22 unseen
        stops.Record(21, [TimeSpan.FromMilliseconds(0.5), TimeSpan.FromMilliseconds(4)]); // 21 ends
        stops.Record(21, [TimeSpan.FromMilliseconds(0.5), TimeSpan.FromMilliseconds(4)]); // and is heard of again

        Assert.Equal(4, stops.Snapshot().Count);
        Assert.Equal(0.0075, stops.Snapshot().Sums.Sum(), 9);
        Assert.Equal(1, stops.Unseen);
    }

    [Fact]
    public void Record_ALongRunUnseen_KeepsOnlyTheNewestGaps()
    {
        var stops = new GcStops();
        stops.Record(1, [TimeSpan.FromMilliseconds(1)]);
        stops.Record(2 + GcStops.GapsKept + 1000, [TimeSpan.FromMilliseconds(1)]);
        stops.Record(2, [TimeSpan.FromMilliseconds(1)]); // too old to be waited for

        Assert.Equal(2, stops.Snapshot().Count);
        Assert.Equal(GcStops.GapsKept + 1000, stops.Unseen);
    }

    [Fact]
    public void Process_HearsOfACollectionAfterIt()
    {
        var before = GcStops.Process.Snapshot().Count;

        Assert.True(CollectUntilHeard(before) > before);
    }

    /// <summary>Full blocking collections, each followed by its finalizers, until the process's watch has recorded more
    /// than <paramref name="before"/> stops (at most three). A full one, because the sentinel is not always in gen0: a
    /// collection that came while the finalizer thread still held the new sentinel moved it on to gen1; and more than one,
    /// because such a collection (another test's) can land between the count read and the one forced here.</summary>
    internal static long CollectUntilHeard(long before)
    {
        var count = before;
        for (var round = 0; round < 3 && count <= before; round++)
        {
            GC.Collect(2, GCCollectionMode.Forced, blocking: true);
            GC.WaitForPendingFinalizers();
            count = GcStops.Process.Snapshot().Count;
        }

        return count;
    }
}
