namespace Ivr.Media.Playout;

/// <summary>
/// How late the streams of one pacing thread were served, in fixed buckets (<see cref="UpperBounds"/>, plus one
/// for anything later): written by that thread alone, without a lock and without allocating — a few compares and
/// two additions per step — and read at any time by a scraper (<see cref="AddTo"/>). Each bucket keeps its count
/// and the sum of its values, so a reader can export exact sums and never needs the writer to stop. A read racing
/// a write may see a bucket's count one step ahead of its sum; the next read catches up.
/// </summary>
public sealed class LatenessHistogram
{
    /// <summary>Upper bounds of the buckets (inclusive), in seconds; values above the last fall in one more bucket.</summary>
    public static readonly IReadOnlyList<double> UpperBounds = [0.0001, 0.00025, 0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1];

    private readonly long _frequency;
    private readonly long[] _boundTicks;
    private readonly long[] _counts;
    private readonly long[] _sumTicks;

    /// <param name="frequency">Timestamp ticks per second of the clock the lateness is measured on.</param>
    public LatenessHistogram(long frequency)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(frequency, 1);
        _frequency = frequency;
        _boundTicks = [.. UpperBounds.Select(b => (long)Math.Round(b * frequency))];
        _counts = new long[UpperBounds.Count + 1];
        _sumTicks = new long[UpperBounds.Count + 1];
    }

    /// <summary>Notes <paramref name="weight"/> stream ticks served <paramref name="lateTicks"/> after their deadline.
    /// Only the owning pacing thread calls this.</summary>
    public void Record(long lateTicks, int weight)
    {
        if (weight <= 0) return;
        var bucket = 0;
        while (bucket < _boundTicks.Length && lateTicks > _boundTicks[bucket]) bucket++;
        Volatile.Write(ref _sumTicks[bucket], _sumTicks[bucket] + lateTicks * weight);
        Volatile.Write(ref _counts[bucket], _counts[bucket] + weight);
    }

    /// <summary>This histogram alone as a snapshot (allocates: for a scraper, not the writer).</summary>
    public LatenessSnapshot Snapshot()
    {
        var counts = new long[_counts.Length];
        var sums = new double[counts.Length];
        AddTo(counts, sums);
        return new LatenessSnapshot(counts, sums);
    }

    /// <summary>Adds this histogram's counts and sums (seconds) per bucket to <paramref name="counts"/> and
    /// <paramref name="sums"/> (each <see cref="UpperBounds"/>.Count + 1 long).</summary>
    public void AddTo(long[] counts, double[] sums)
    {
        ArgumentNullException.ThrowIfNull(counts);
        ArgumentNullException.ThrowIfNull(sums);
        if (counts.Length != _counts.Length || sums.Length != _counts.Length)
            throw new ArgumentException($"the arrays must hold {_counts.Length} buckets");
        for (var i = 0; i < _counts.Length; i++)
        {
            counts[i] += Volatile.Read(ref _counts[i]);
            sums[i] += (double)Volatile.Read(ref _sumTicks[i]) / _frequency;
        }
    }
}
