using Ivr.Sip.Auth;

namespace Ivr.Sip.UserAgent;

/// <summary>What an outbound INVITE carries besides target, From and offer: the trunk's digest credentials (used
/// only when challenged with 401/407) and extra headers (e.g. the call context as X-Ivr-*).</summary>
public sealed record SipOutboundOptions
{
    public static SipOutboundOptions None { get; } = new();

    public DigestCredentials? Credentials { get; init; }

    public IReadOnlyList<SipHeader> Headers { get; init; } = [];

    /// <summary>Subscribed to <see cref="SipOutboundCall.Progress"/> before the INVITE leaves, so no 18x is missed.</summary>
    public Action<SipOutboundProgress>? Progress { get; init; }
}
