namespace Ivr.Sip.Transport;

/// <summary>The transports Ivr listens on (RFC 3261 §18). UDP is unreliable, TCP reliable (§17: no retransmission timers).</summary>
public enum SipTransportKind
{
    Udp,
    Tcp,
}
