using Ivr.Media.Playout;
using Prometheus;

namespace Ivr.Host.Metrics;

/// <summary>
/// Feeds the pacing threads' lock-free <see cref="LatenessHistogram"/>s into a prometheus-net histogram with the same
/// bucket bounds, at scrape time, so the pacing path itself never touches prometheus-net: what each bucket gained
/// since the last scrape is observed at once, at that bucket's mean (which lies within the bucket), so counts land
/// in the right buckets and the sum stays exact.
/// </summary>
internal sealed class LatenessExport(Histogram histogram)
{
    private readonly long[] _counts = new long[LatenessHistogram.UpperBounds.Count + 1];
    private readonly double[] _sums = new double[LatenessHistogram.UpperBounds.Count + 1];

    public void Update(LatenessSnapshot snapshot)
    {
        for (var i = 0; i < _counts.Length; i++)
        {
            var added = snapshot.Counts[i] - _counts[i];
            if (added <= 0) continue;
            var sum = snapshot.Sums[i] - _sums[i];
            histogram.Observe(WithinBucket(i, sum / added), added);
            _counts[i] = snapshot.Counts[i];
            _sums[i] = snapshot.Sums[i];
        }
    }

    /// <summary>A mean read while the writer was between a bucket's sum and its count can stray; keep it in the bucket.</summary>
    private static double WithinBucket(int bucket, double mean)
    {
        var bounds = LatenessHistogram.UpperBounds;
        var lower = bucket == 0 ? 0 : Math.BitIncrement(bounds[bucket - 1]);
        var upper = bucket < bounds.Count ? bounds[bucket] : double.MaxValue;
        return Math.Clamp(mean, lower, upper);
    }
}
