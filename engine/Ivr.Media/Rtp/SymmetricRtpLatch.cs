using System.Net;
using System.Net.Sockets;

namespace Ivr.Media.Rtp;

/// <summary>
/// Symmetric RTP (RFC 4961; the "latching" of RFC 7362 §4): the first valid packet's source address
/// becomes the call's remote media address; packets from any other address afterwards are dropped
/// and counted as strangers (a late or hostile sender must not inject audio or DTMF). Comparisons use
/// <see cref="SocketAddress"/> buffers, so checking a packet allocates nothing (latching copies once). Call
/// <see cref="Accept"/> from the one receiving thread; the counters and <see cref="Address"/> may be
/// read from any thread.
/// </summary>
public sealed class SymmetricRtpLatch
{
    private SocketAddress? _latched;
    private long _accepted;
    private long _strangers;

    public bool IsLatched => Volatile.Read(ref _latched) is not null;

    /// <summary>The latched address (do not modify), or null before the first packet.</summary>
    public SocketAddress? Address => Volatile.Read(ref _latched);

    public long PacketsAccepted => Interlocked.Read(ref _accepted);

    /// <summary>Packets dropped because they came from an address other than the latched one.</summary>
    public long StrangerPacketsDropped => Interlocked.Read(ref _strangers);

    /// <summary>The latched address as an endpoint (allocates), or null before the first packet.</summary>
    public IPEndPoint? RemoteEndPoint => Address is { } address ? (IPEndPoint)new IPEndPoint(IPAddress.Any, 0).Create(address) : null;

    /// <summary>True when <paramref name="source"/> is (or, for the first packet, becomes) the remote address.</summary>
    public bool Accept(SocketAddress source)
    {
        var latched = _latched;
        if (latched is null)
        {
            // One copy per latch, never reused, so a sender reading Address sees a complete address.
            var copy = new SocketAddress(source.Family, source.Size);
            source.Buffer.Span[..source.Size].CopyTo(copy.Buffer.Span);
            Volatile.Write(ref _latched, copy);
        }
        else if (!latched.Equals(source))
        {
            return Stranger();
        }

        Interlocked.Increment(ref _accepted);
        return true;
    }

    /// <summary>Forgets the latched address (e.g. after a re-INVITE moved the remote media).</summary>
    public void Reset() => Volatile.Write(ref _latched, null);

    private bool Stranger()
    {
        Interlocked.Increment(ref _strangers);
        return false;
    }
}
