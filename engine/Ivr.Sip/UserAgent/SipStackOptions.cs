using System.Net;
using Ivr.Sip.Transport;

namespace Ivr.Sip.UserAgent;

/// <summary>Where the stack listens and how it names itself. Port 0 picks a free port (tests).</summary>
public sealed record SipStackOptions
{
    /// <summary>Address to bind; <see cref="IPAddress.Any"/> for a server, loopback in tests.</summary>
    public IPAddress ListenAddress { get; init; } = IPAddress.Any;

    public int Port { get; init; } = 5060;

    public bool EnableUdp { get; init; } = true;

    public bool EnableTcp { get; init; } = true;

    /// <summary>
    /// Host written in Via and Contact. Defaults to the listen address; when binding Any, to the first
    /// non-loopback IPv4 address of an interface that is up. Set it explicitly behind NAT or with several NICs.
    /// </summary>
    public string? AdvertisedHost { get; init; }

    /// <summary>SIP over TLS on <see cref="TlsPort"/> with this certificate; null: no TLS.</summary>
    public SipTlsOptions? Tls { get; init; }

    /// <summary>The TLS port (default 5061, RFC 3261 §26.2; 0 picks a free port).</summary>
    public int TlsPort { get; init; } = 5061;

    /// <summary>First-message and idle deadlines and connection caps of the TCP transport (and of TLS).</summary>
    public TcpConnectionLimits Tcp { get; init; } = TcpConnectionLimits.Default;

    public SipUserAgentOptions UserAgent { get; init; } = new();
}
