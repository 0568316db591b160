using System.Net;

namespace Ivr.Sip.UserAgent;

/// <summary>Where the stack listens and how it names itself. Port 0 picks a free port (tests).</summary>
public sealed record SipStackOptions
{
    /// <summary>Address to bind; <see cref="IPAddress.Any"/> for a server, loopback in tests.</summary>
    public IPAddress ListenAddress { get; init; } = IPAddress.Any;

    public int Port { get; init; } = 5060;

    public bool EnableUdp { get; init; } = true;

    public bool EnableTcp { get; init; } = true;

    /// <summary>Host written in Via and Contact; defaults to the listen address (or 127.0.0.1 when binding Any).</summary>
    public string? AdvertisedHost { get; init; }

    public SipUserAgentOptions UserAgent { get; init; } = new();
}
