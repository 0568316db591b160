namespace Ivr.Sip.Throttling;

/// <summary>
/// A token-bucket budget: <see cref="PerSecond"/> tokens flow in continuously up to <see cref="Burst"/>; each
/// admitted item takes one. <see cref="Unlimited"/> admits everything.
/// </summary>
public sealed record RateBudget(double PerSecond, double Burst)
{
    public static RateBudget Unlimited { get; } = new(double.PositiveInfinity, double.PositiveInfinity);

    public bool IsUnlimited => double.IsPositiveInfinity(PerSecond);

    /// <summary><paramref name="count"/> per minute with a burst of the whole minute's allowance; 0 means unlimited.</summary>
    public static RateBudget PerMinute(int count) => count <= 0 ? Unlimited : new RateBudget(count / 60.0, count);

    /// <summary><paramref name="count"/> per second with a burst of <paramref name="burstSeconds"/> seconds' worth; 0 means unlimited.</summary>
    public static RateBudget PerSecondWithBurst(int count, double burstSeconds) =>
        count <= 0 ? Unlimited : new RateBudget(count, Math.Max(1, count * burstSeconds));

    public override string ToString() => IsUnlimited ? "unlimited" : $"{PerSecond:0.##}/s (burst {Burst:0})";
}
