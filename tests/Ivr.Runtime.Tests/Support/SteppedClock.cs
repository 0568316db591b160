using Ivr.Runtime.Simulation;

namespace Ivr.Runtime.Tests.Support;

/// <summary>
/// A wall clock that can be stepped back (an NTP correction) while timers keep running on
/// <paramref name="inner"/>'s monotonic time, as real timers do.
/// </summary>
internal sealed class SteppedClock(VirtualClock inner) : TimeProvider
{
    /// <summary>How far the wall clock has been set back.</summary>
    public TimeSpan SetBack { get; set; }

    public override DateTimeOffset GetUtcNow() => inner.GetUtcNow() - SetBack;

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    public override long TimestampFrequency => inner.TimestampFrequency;

    public override long GetTimestamp() => inner.GetTimestamp();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        inner.CreateTimer(callback, state, dueTime, period);
}
