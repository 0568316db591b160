using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using Ivr.Native;

namespace Ivr.Media.Rtp.Receiving;

/// <summary>
/// One non-blocking <c>recvmmsg</c> of up to <see cref="Capacity"/> RTP datagrams of at most <see cref="MaxDatagram"/>
/// bytes (<see cref="RecvMmsgBatch"/>: native memory allocated once per receive thread and reused for every call), with
/// the source copied into one of two reused <see cref="SocketAddress"/>es, so receiving allocates nothing. One thread at
/// a time.
/// </summary>
internal sealed class DatagramBatch(int capacity = 16) : IDisposable
{
    public const int MaxDatagram = 1500;

    private readonly RecvMmsgBatch _batch = new(capacity, MaxDatagram);
    private readonly SocketAddress _ipv4 = new(AddressFamily.InterNetwork);
    private readonly SocketAddress _ipv6 = new(AddressFamily.InterNetworkV6);

    public int Capacity => _batch.Capacity;

    /// <summary>Takes what <paramref name="fd"/> has queued, without waiting: the count, 0 when nothing is queued, -1 on
    /// another error (e.g. a connected socket's ICMP error, reported once: datagrams may still be queued behind it).</summary>
    public int Receive(int fd)
    {
        var count = _batch.Receive(fd, RecvMmsgBatch.DontWait);
        if (count >= 0) return count;
        var errno = Marshal.GetLastPInvokeError();
        return errno == RecvMmsgBatch.EAgain ? 0 : -1;
    }

    /// <summary>Whether datagram <paramref name="index"/> was longer than <see cref="MaxDatagram"/> (cut: dropped).</summary>
    public bool Truncated(int index) => _batch.Truncated(index);

    /// <summary>Datagram <paramref name="index"/> of the last <see cref="Receive"/>, writable (SRTP unprotects in place).</summary>
    public Span<byte> Datagram(int index) => _batch.Datagram(index);

    /// <summary>The source of datagram <paramref name="index"/>, copied (native layout, as .NET keeps it) into one of two
    /// addresses this batch reuses, sized as a socket of that family fills them, so comparing with an address a socket
    /// or an <see cref="IPEndPoint"/> made works; null for a source of another size.</summary>
    public SocketAddress? SourceOf(int index)
    {
        var source = _batch.Source(index);
        var address = source.Length == _ipv4.Size ? _ipv4 : source.Length == _ipv6.Size ? _ipv6 : null;
        if (address is null) return null;
        source.CopyTo(address.Buffer.Span);
        return address;
    }

    public void Dispose() => _batch.Dispose();
}
