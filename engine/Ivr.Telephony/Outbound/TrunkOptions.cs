using System.Net;
using Ivr.Sip.Auth;
using Ivr.Sip.Transport;

namespace Ivr.Telephony.Outbound;

/// <summary>
/// The SIP trunk that carries calls to telephone numbers (deploy/trunk.yaml): where INVITEs go
/// (<see cref="Address"/>, UDP or TCP), the domain written in the Request-URI and To (<c>sip:NUMBER@Domain</c>),
/// the From user (our caller ID), the digest account, the number rules and how long a call may ring.
/// </summary>
public sealed record TrunkOptions
{
    public required IPEndPoint Address { get; init; }

    public SipTransportKind Transport { get; init; } = SipTransportKind.Udp;

    /// <summary>Host part of the Request-URI; the trunk's IP address when not set.</summary>
    public string? Domain { get; init; }

    /// <summary>User part of our From URI (the number the callee sees).</summary>
    public string FromUser { get; init; } = "12333";

    /// <summary>Answers the trunk's 401/407 challenges; null: a challenge ends the call as <c>auth_failed</c>.</summary>
    public DigestCredentials? Credentials { get; init; }

    public IReadOnlyList<NumberRule> NumberRules { get; init; } = [];

    /// <summary>Ringing longer than this is given up with CANCEL (<c>no_answer</c>).</summary>
    public TimeSpan RingTimeout { get; init; } = TimeSpan.FromSeconds(60);

    public string DomainOrAddress => Domain ?? Address.Address.ToString();

    /// <summary>The number as the trunk wants it: the first matching rule applied.</summary>
    public string Rewrite(string number) => NumberRules.FirstOrDefault(r => r.Matches(number)) is { } rule ? rule.Apply(number) : number;

    public override string ToString() => $"trunk {Transport.ToString().ToUpperInvariant()}:{Address} domain {DomainOrAddress} as {FromUser}{(Credentials is null ? "" : $", account {Credentials.Username}")}";
}
