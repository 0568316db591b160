namespace Ivr.Core.Serial;

/// <summary>
/// How long an event thread's handlers ran, counted in a few buckets (≤ 0.1, 1, 10, 100 ms, longer) and the longest:
/// what bounds the wait of a call behind another on the same thread. Written by the lane's thread only, read by a scraper.
/// </summary>
public sealed class HandlerDurations(long timestampFrequency)
{
    /// <summary>Upper bounds of the buckets, seconds; a last bucket counts the longer ones.</summary>
    public static readonly IReadOnlyList<double> UpperBounds = [0.0001, 0.001, 0.01, 0.1];

    private readonly long[] _counts = new long[UpperBounds.Count + 1];
    private long _longest;

    /// <summary>The longest handler so far, seconds.</summary>
    public double Longest => Interlocked.Read(ref _longest) / (double)timestampFrequency;

    /// <summary>Handlers counted in each bucket (not cumulative), the last one beyond the last bound.</summary>
    public long[] Counts()
    {
        var counts = new long[_counts.Length];
        for (var i = 0; i < counts.Length; i++) counts[i] = Interlocked.Read(ref _counts[i]);
        return counts;
    }

    internal void Add(long ticks)
    {
        var seconds = ticks / (double)timestampFrequency;
        var bucket = 0;
        while (bucket < UpperBounds.Count && seconds > UpperBounds[bucket]) bucket++;
        Interlocked.Increment(ref _counts[bucket]);
        if (ticks > Interlocked.Read(ref _longest)) Interlocked.Exchange(ref _longest, ticks);
    }
}
