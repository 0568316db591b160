namespace Ivr.Sip.Throttling;

/// <summary>One key's token bucket: tokens left and when they were last topped up (a <see cref="TimeProvider"/> timestamp).</summary>
internal struct TokenBucket
{
    private double _tokens;
    private long _updated;

    public static TokenBucket Full(RateBudget budget, long now) => new() { _tokens = budget.Burst, _updated = now };

    /// <summary>Tops the bucket up for the time since the last call, then takes one token if there is one.</summary>
    public bool TryTake(RateBudget budget, long now, long frequency)
    {
        Refill(budget, now, frequency);
        if (_tokens < 1) return false;
        _tokens -= 1;
        return true;
    }

    /// <summary>True when the bucket would be full at <paramref name="now"/>: its key has been quiet long enough to forget.</summary>
    public readonly bool IsFullAt(RateBudget budget, long now, long frequency) =>
        _tokens + (now - _updated) / (double)frequency * budget.PerSecond >= budget.Burst;

    private void Refill(RateBudget budget, long now, long frequency)
    {
        var elapsed = Math.Max(0, now - _updated) / (double)frequency;
        _tokens = Math.Min(budget.Burst, _tokens + elapsed * budget.PerSecond);
        _updated = now;
    }
}
