namespace Ivr.Host.SipReplay;

/// <summary>
/// The system clock moved to start at another instant (<c>ivr serve --clock-start</c>): calls and the
/// back end see that day and hour, running in real time from it, so replay scripts written for the
/// default moment (Monday 2026-11-23 10:00 Beijing) get the same dates over SIP — due dates and loss
/// references carry the date. Timestamps and timers stay the system's.
/// </summary>
public sealed class ShiftedTimeProvider(TimeSpan offset) : TimeProvider
{
    public TimeSpan Offset { get; } = offset;

    public static ShiftedTimeProvider StartingAt(DateTimeOffset start) => new(start - System.GetUtcNow());

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;
}
