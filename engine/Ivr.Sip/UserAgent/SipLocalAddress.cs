using Ivr.Sip.Transport;

namespace Ivr.Sip.UserAgent;

/// <summary>
/// How we name ourselves in Via (RFC 3261 §18.1.1) and Contact: the advertised host and the bound port of
/// each transport.
/// </summary>
public sealed record SipLocalAddress(string Host, int UdpPort, int TcpPort, string User = "ivr")
{
    public int PortOf(SipTransportKind kind) => kind == SipTransportKind.Tcp ? TcpPort : UdpPort;

    public ViaHeader Via(SipTransportKind kind, string branch) =>
        new(kind.ToString(), Host, PortOf(kind), [new SipParameter("branch", branch), new SipParameter("rport", null)]);

    public SipUri Contact(SipTransportKind kind)
    {
        var uri = SipUri.ForHost(Host, PortOf(kind), User);
        return kind == SipTransportKind.Tcp ? uri.WithParameter("transport", "tcp") : uri;
    }
}
