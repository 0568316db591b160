namespace Ivr.Sip.Throttling;

/// <summary>
/// What one source may send before its messages are dropped unparsed, and how much received work may wait.
/// Defaults suit a hotline behind a trunk or Kamailio: a phone or SBC talking directly sends a few messages per call,
/// the proxies in front (<see cref="UserAgent.SipUserAgentOptions.Proxies"/>) carry every caller's traffic.
/// </summary>
public sealed record InboundLimits
{
    public static InboundLimits Default { get; } = new();

    /// <summary>No budget and no queue cap (tests that replay traffic as fast as they can).</summary>
    public static InboundLimits None { get; } = new() { PerSource = RateBudget.Unlimited, PerProxy = RateBudget.Unlimited, MaxQueuedMessages = int.MaxValue };

    /// <summary>Messages (datagrams or framed TCP messages) per second from one address: 50/s, bursts of 200.</summary>
    public RateBudget PerSource { get; init; } = RateBudget.PerSecondWithBurst(50, 4);

    /// <summary>The same for a listed proxy or trunk: 5,000/s, bursts of 10,000.</summary>
    public RateBudget PerProxy { get; init; } = RateBudget.PerSecondWithBurst(5000, 2);

    /// <summary>Addresses whose budgets are remembered; the least recently seen is forgotten first.</summary>
    public int MaxTrackedSources { get; init; } = 16_384;

    /// <summary>Received messages waiting for the work queue; beyond it new ones are dropped unparsed.</summary>
    public int MaxQueuedMessages { get; init; } = 4096;

    /// <summary>How often drops are logged (one line per source) and quiet sources forgotten.</summary>
    public TimeSpan ReportWindow { get; init; } = TimeSpan.FromMinutes(1);
}
