namespace Ivr.Sip.Transport;

/// <summary>The transports Ivr listens on (RFC 3261 §18). UDP is unreliable, TCP and TLS (§26.2, TCP with TLS 1.2/1.3)
/// reliable (§17: no retransmission timers).</summary>
public enum SipTransportKind
{
    Udp,
    Tcp,
    Tls,
}
