using System.Net;
using Ivr.Sip.Transport;

namespace Ivr.Sip.Tests.Throttling;

/// <summary>The parties of the throttling tests: an attacker, a legitimate caller and a Kamailio listed as a proxy.</summary>
internal static class Sources
{
    public static readonly SipEndPoint Attacker = Udp("127.0.0.2");
    public static readonly SipEndPoint Caller = Udp("127.0.0.1");
    public static readonly SipEndPoint Kamailio = Udp("10.0.0.5");

    public static TrustedSources Proxies => TrustedSources.Parse(["10.0.0.5"]).Value!;

    public static SipEndPoint Udp(string address) => new(SipTransportKind.Udp, new IPEndPoint(IPAddress.Parse(address), 5060));
}
