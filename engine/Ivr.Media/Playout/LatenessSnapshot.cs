namespace Ivr.Media.Playout;

/// <summary>
/// The pacing threads' <see cref="LatenessHistogram"/>s added up at one moment: per bucket (bounds in
/// <see cref="LatenessHistogram.UpperBounds"/>, then one for anything later) how many stream ticks were served that
/// late, and the sum of their lateness in seconds. Counts only grow while the scheduler lives.
/// </summary>
public sealed record LatenessSnapshot(IReadOnlyList<long> Counts, IReadOnlyList<double> Sums)
{
    public long Count => Counts.Sum();
}
