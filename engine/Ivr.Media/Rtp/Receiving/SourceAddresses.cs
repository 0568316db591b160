using System.Net;
using System.Net.Sockets;

namespace Ivr.Media.Rtp.Receiving;

/// <summary>
/// A received datagram's source as a <see cref="SocketAddress"/> without allocating: the kernel's <c>sockaddr</c> bytes
/// copied into one of two addresses kept for the receiving thread (native layout, as .NET keeps it), sized as a socket
/// of that family fills them, so comparing with an address a socket or an <see cref="IPEndPoint"/> made works. The
/// address returned is overwritten by the next call. One thread at a time.
/// </summary>
internal sealed class SourceAddresses
{
    private readonly SocketAddress _ipv4 = new(AddressFamily.InterNetwork);
    private readonly SocketAddress _ipv6 = new(AddressFamily.InterNetworkV6);

    /// <summary>The address <paramref name="sockaddr"/> holds; null for a length of neither family.</summary>
    public SocketAddress? From(ReadOnlySpan<byte> sockaddr)
    {
        var address = sockaddr.Length == _ipv4.Size ? _ipv4 : sockaddr.Length == _ipv6.Size ? _ipv6 : null;
        if (address is null) return null;
        sockaddr.CopyTo(address.Buffer.Span);
        return address;
    }
}
