namespace Ivr.Sip.Transactions;

/// <summary>
/// The RFC 3261 §17.1.1.1 / Table 4 timer base values: T1 (RTT estimate, 500 ms), T2 (maximum
/// retransmit interval for non-INVITE requests and INVITE responses, 4 s), T4 (maximum time a
/// message stays in the network, 5 s). Every other timer derives from these.
/// </summary>
public sealed record SipTimerSettings
{
    public TimeSpan T1 { get; init; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan T2 { get; init; } = TimeSpan.FromSeconds(4);

    public TimeSpan T4 { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>64*T1: Timers B, F, H, J, L and the §13.3.1.4 2xx retransmission limit.</summary>
    public TimeSpan TransactionTimeout => T1 * 64;

    /// <summary>Timer D: at least 32 s on unreliable transports.</summary>
    public TimeSpan TimerD { get; init; } = TimeSpan.FromSeconds(32);

    public static SipTimerSettings Default { get; } = new();

    /// <summary>Doubles a retransmission interval, capped at T2 (Timers E, G and the 2xx retransmission).</summary>
    public TimeSpan Backoff(TimeSpan interval) => interval * 2 < T2 ? interval * 2 : T2;
}
