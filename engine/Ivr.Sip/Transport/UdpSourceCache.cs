using System.Net;
using System.Net.Sockets;

namespace Ivr.Sip.Transport;

/// <summary>
/// The <see cref="SipEndPoint"/> of each recent UDP source, looked up by the raw socket address the receive call
/// filled in, so that a datagram from a known source costs no allocation. Bounded: cleared when full. Used by the
/// receive loop only (not thread-safe).
/// </summary>
internal sealed class UdpSourceCache
{
    private readonly int _capacity;
    private readonly Dictionary<SocketAddress, SipEndPoint> _sources = [];

    public UdpSourceCache(int capacity = 4096)
    {
        _capacity = capacity;
    }

    public SipEndPoint Get(SocketAddress address, AddressFamily family)
    {
        if (_sources.TryGetValue(address, out var known)) return known;
        if (_sources.Count >= _capacity) _sources.Clear();
        var template = family == AddressFamily.InterNetworkV6 ? new IPEndPoint(IPAddress.IPv6Any, 0) : new IPEndPoint(IPAddress.Any, 0);
        var source = new SipEndPoint(SipTransportKind.Udp, (IPEndPoint)template.Create(address));
        var key = new SocketAddress(address.Family, address.Size);
        address.Buffer.CopyTo(key.Buffer);
        _sources[key] = source;
        return source;
    }
}
