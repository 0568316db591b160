using Ivr.Core.Metrics;
using Ivr.Sip.Throttling;
using Ivr.Sip.Transactions;
using Ivr.Sip.Transport;

namespace Ivr.Sip.UserAgent;

/// <summary>UAS policy: capacity, trust, identity and timer values.</summary>
public sealed record SipUserAgentOptions
{
    /// <summary>Calls allowed at once; the next INVITE gets 503 with Retry-After.</summary>
    public int MaxCalls { get; init; } = 100;

    public int RetryAfterSeconds { get; init; } = 30;

    /// <summary>
    /// An INVITE the handler neither answers nor rejects within this time gets 480 and the call ends with
    /// <see cref="SipCallEndReason.AnswerTimeout"/> — a guard against a stuck handler holding a call slot.
    /// </summary>
    public TimeSpan AnswerTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Who may send requests; others get 403 Forbidden.</summary>
    public TrustedSources TrustedSources { get; init; } = TrustedSources.Default;

    /// <summary>
    /// Proxies and trunks in front of this node (Kamailio, the carrier's SBC): they carry everyone's traffic, so they
    /// get <see cref="InboundLimits.PerProxy"/> and their calls are limited per caller number. None by default.
    /// </summary>
    public TrustedSources Proxies { get; init; } = TrustedSources.None;

    /// <summary>Per-source message budgets and the work queue's cap, checked before parsing.</summary>
    public InboundLimits Inbound { get; init; } = InboundLimits.Default;

    /// <summary>New calls per source address or, behind a proxy, per caller number.</summary>
    public CallLimits Calls { get; init; } = CallLimits.Default;

    /// <summary>Server / User-Agent header value.</summary>
    public string ProductName { get; init; } = "Ivr";

    public SipTimerSettings Timers { get; init; } = SipTimerSettings.Default;

    public int MaxMessageSize { get; init; } = Message.SipParseOptions.DefaultMaxMessageSize;

    /// <summary>Told how long each answered INVITE waited for its 200 OK (from its arrival at the user agent).</summary>
    public ICallMetrics Metrics { get; init; } = NullCallMetrics.Instance;
}
