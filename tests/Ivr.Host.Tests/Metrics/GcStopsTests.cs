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
    public void Process_HearsOfACollectionAfterIt()
    {
        var before = GcStops.Process.Snapshot().Count;
        GC.Collect(0, GCCollectionMode.Forced, blocking: true);
        GC.WaitForPendingFinalizers();

        Assert.True(GcStops.Process.Snapshot().Count > before);
    }
}
