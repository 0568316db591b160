using System.Net;
using System.Runtime.InteropServices;
using Ivr.Native;

namespace Ivr.Media.Rtp.Receiving;

/// <summary>
/// One non-blocking <c>recvmmsg</c> of up to <see cref="Capacity"/> RTP datagrams of at most <see cref="MaxDatagram"/>
/// bytes (<see cref="RecvMmsgBatch"/>: native memory allocated once per receive thread and reused for every call), with
/// the source copied into a reused <see cref="SocketAddress"/> (<see cref="SourceAddresses"/>), so receiving allocates
/// nothing. One thread at a time.
/// </summary>
internal sealed class DatagramBatch(int capacity = 16) : IDisposable
{
    public const int MaxDatagram = 1500;

    private readonly RecvMmsgBatch _batch = new(capacity, MaxDatagram);
    private readonly SourceAddresses _sources = new();

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

    /// <summary>The source of datagram <paramref name="index"/> (<see cref="SourceAddresses"/>: overwritten by the next
    /// call); null for a source of neither family's size.</summary>
    public SocketAddress? SourceOf(int index) => _sources.From(_batch.Source(index));

    public void Dispose() => _batch.Dispose();
}
