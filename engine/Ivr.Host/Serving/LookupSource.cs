using System.Net;
using Ivr.Sip.Transport;

namespace Ivr.Host.Serving;

/// <summary>The SIP source address a call's lookups are told (the PIN alerts count locks per source): the address the
/// INVITE came from, unless that is a listed proxy or trunk (<c>sip_proxies</c>) or the agents' PBX (<c>trusted_pbx</c>
/// by address), which carry every caller's calls — then none, and the caller number alone identifies the origin.</summary>
public static class LookupSource
{
    public static string? Of(IPAddress? source, TrustedSources proxies, IReadOnlySet<string>? pbxHosts = null)
    {
        ArgumentNullException.ThrowIfNull(proxies);
        if (source is null || proxies.IsTrusted(source)) return null;
        var shown = source.ToString();
        return pbxHosts?.Contains(shown) == true ? null : shown;
    }
}
