using Ivr.Sip.Transport;

namespace Ivr.Sip.UserAgent;

/// <summary>
/// How we name ourselves in Via (RFC 3261 §18.1.1) and Contact: the advertised host and the bound port of
/// each transport. Over TLS the Contact is <c>sips:</c> when the request it answers was addressed to a SIPS URI
/// (RFC 3261 §8.1.1.8, §12.1.1), else <c>sip:…;transport=tls</c> (RFC 5630 §3.1.3: TLS on this hop only).
/// </summary>
public sealed record SipLocalAddress(string Host, int UdpPort, int TcpPort, string User = "ivr")
{
    /// <summary>The TLS port; 0 when there is no TLS transport.</summary>
    public int TlsPort { get; init; }

    public int PortOf(SipTransportKind kind) => kind switch
    {
        SipTransportKind.Tcp => TcpPort,
        SipTransportKind.Tls => TlsPort,
        _ => UdpPort,
    };

    public ViaHeader Via(SipTransportKind kind, string branch) =>
        new(kind.ToString(), Host, PortOf(kind), [new SipParameter("branch", branch), new SipParameter("rport", null)]);

    /// <param name="sips">The request we answer had a SIPS Request-URI (only meaningful over TLS).</param>
    public SipUri Contact(SipTransportKind kind, bool sips = false)
    {
        var uri = SipUri.ForHost(Host, PortOf(kind), User);
        return kind switch
        {
            SipTransportKind.Tcp => uri.WithParameter("transport", "tcp"),
            SipTransportKind.Tls when sips => new SipUri("sips", uri.User, uri.Host, uri.Port),
            SipTransportKind.Tls => uri.WithParameter("transport", "tls"),
            _ => uri,
        };
    }
}
