using System.Net;

namespace Ivr.Sip.Transport;

/// <summary>
/// The networks allowed to send requests (others get 403). CIDR prefixes, IPv4 and IPv6; an IPv4-mapped
/// IPv6 source is checked as IPv4. <see cref="Default"/> is loopback plus the RFC 1918 private ranges
/// (and IPv6 loopback and unique-local fc00::/7).
/// </summary>
public sealed class TrustedSources
{
    // An array: IsTrusted runs for every received message, and a foreach over an array allocates nothing.
    private readonly IPNetwork[] _networks;

    public TrustedSources(IEnumerable<IPNetwork> networks)
    {
        _networks = [.. networks];
    }

    public static TrustedSources Default { get; } = Parse(
        ["127.0.0.0/8", "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "::1/128", "fc00::/7"]).Value!;

    /// <summary>Everyone: for tests or deployments behind a firewall that already filters.</summary>
    public static TrustedSources Any { get; } = Parse(["0.0.0.0/0", "::/0"]).Value!;

    /// <summary>No one.</summary>
    public static TrustedSources None { get; } = new([]);

    public IReadOnlyList<IPNetwork> Networks => _networks;

    /// <summary>Parses "a.b.c.d/n", "x::/n" or a bare address (a /32 or /128).</summary>
    public static ParseResult<TrustedSources> Parse(IEnumerable<string> entries)
    {
        var networks = new List<IPNetwork>();
        foreach (var raw in entries)
        {
            var entry = raw.Trim();
            if (IPNetwork.TryParse(entry, out var network))
            {
                networks.Add(network);
            }
            else if (IPAddress.TryParse(entry, out var address))
            {
                networks.Add(new IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128));
            }
            else
            {
                return ParseResult<TrustedSources>.Fail($"not a CIDR prefix or IP address: '{entry}'");
            }
        }

        return ParseResult<TrustedSources>.Ok(new TrustedSources(networks));
    }

    public bool IsTrusted(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        foreach (var network in _networks)
        {
            if (network.BaseAddress.AddressFamily == address.AddressFamily && network.Contains(address))
            {
                return true;
            }
        }

        return false;
    }
}
