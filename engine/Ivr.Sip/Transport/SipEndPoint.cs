using System.Net;

namespace Ivr.Sip.Transport;

/// <summary>A transport and a remote (or local) socket address: where a message came from or goes to.</summary>
public sealed record SipEndPoint(SipTransportKind Transport, IPEndPoint EndPoint)
{
    /// <summary>True for stream transports, where §17 timers that retransmit are not started.</summary>
    public bool IsReliable => Transport != SipTransportKind.Udp;

    public string TransportName => Transport.ToString().ToUpperInvariant();

    public override string ToString() => $"{TransportName}:{EndPoint}";
}
