using Ivr.Media.Playout;

namespace Ivr.Media.Tests.Playout;

public class LatenessHistogramTests
{
    private const long Frequency = 1_000_000_000; // nanosecond timestamps, as on Linux

    private static (long[] Counts, double[] Sums) Read(LatenessHistogram histogram)
    {
        var counts = new long[LatenessHistogram.UpperBounds.Count + 1];
        var sums = new double[counts.Length];
        histogram.AddTo(counts, sums);
        return (counts, sums);
    }

    [Fact]
    public void Record_ABoundItselfBelongsToItsBucket_JustAboveToTheNext()
    {
        var histogram = new LatenessHistogram(Frequency);
        histogram.Record(1_000_000, 1); // exactly 1 ms
        histogram.Record(1_000_001, 1); // just above
        histogram.Record(5_000_000_000, 1); // 5 s: above every bound

        var (counts, _) = Read(histogram);
        var oneMs = LatenessHistogram.UpperBounds.ToList().IndexOf(0.001);
        Assert.Equal(1, counts[oneMs]);
        Assert.Equal(1, counts[oneMs + 1]);
        Assert.Equal(1, counts[^1]);
        Assert.Equal(3, counts.Sum());
    }

    [Fact]
    public void Snapshot_HoldsWhatAddToGives()
    {
        var histogram = new LatenessHistogram(Frequency);
        histogram.Record(200_000, 3);
        histogram.Record(7_000_000, 1);

        var snapshot = histogram.Snapshot();
        var (counts, sums) = Read(histogram);
        Assert.Equal(counts, snapshot.Counts);
        Assert.Equal(sums, snapshot.Sums);
        Assert.Equal(4, snapshot.Count);
    }

    [Fact]
    public void Record_WeightCountsEveryStreamAndItsLateness()
    {
        var histogram = new LatenessHistogram(Frequency);
        histogram.Record(200_000, 25); // 0.2 ms late for 25 streams
        histogram.Record(0, 0); // no stream served: nothing

        var (counts, sums) = Read(histogram);
        Assert.Equal(25, counts[1]);
        Assert.Equal(25 * 0.0002, sums[1], 12);
        Assert.Equal(25, counts.Sum());
    }

    [Fact]
    public void AddTo_AddsUpSeveralHistograms()
    {
        var a = new LatenessHistogram(Frequency);
        var b = new LatenessHistogram(Frequency);
        a.Record(0, 1);
        b.Record(0, 2);
        var counts = new long[LatenessHistogram.UpperBounds.Count + 1];
        var sums = new double[counts.Length];

        a.AddTo(counts, sums);
        b.AddTo(counts, sums);

        Assert.Equal(3, counts[0]);
        Assert.Throws<ArgumentException>(() => a.AddTo(new long[2], new double[2]));
    }

    [Fact]
    public void Record_AllocatesNothing()
    {
        // A whole pass first (the JIT's tiering and on-stack replacement finish there), then the least of three measured
        // passes: a stray runtime allocation on this thread (128 bytes once under the full suite) is not the histogram's,
        // which would allocate in every pass, 100,000 times.
        var histogram = new LatenessHistogram(Frequency);
        long Pass()
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < 100_000; i++) histogram.Record(i * 997L, 1 + (i & 7));
            return GC.GetAllocatedBytesForCurrentThread() - before;
        }

        Pass();
        Assert.Equal(0, Math.Min(Pass(), Math.Min(Pass(), Pass())));
    }
}
