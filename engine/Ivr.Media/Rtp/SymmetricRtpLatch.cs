using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Ivr.Media.Rtp;

/// <summary>
/// Symmetric RTP (RFC 4961; the "latching" of RFC 7362 §4): the first admitted packet's source address
/// becomes the call's remote media address; packets from any other address afterwards are dropped
/// and counted as strangers (a late or hostile sender must not inject audio or DTMF).
/// <para>
/// Unrestricted (a client, a test) the first valid packet from anyone latches. <see cref="Restrict"/>ed (every call
/// leg of the server) only two sources may latch: the address the SDP offered (<see cref="Offer"/>), and — symmetric
/// RTP for callers behind NAT, when a signalling address is given — any port of the SIP dialog's source IP. Anyone
/// else is a stranger before latching too (RFC 7362 §4.1: latching on anyone's first packet lets a third party
/// hijack the call).
/// </para>
/// Comparisons use <see cref="SocketAddress"/> buffers, so checking a packet allocates nothing (latching copies
/// once); an IPv4 latch also keeps its family, port and address as one number in the latch itself, so a packet is
/// checked without reading the latched address's two objects (first touches of each call's memory are most of what a
/// receive thread spends outside the kernel, issue 13). Call <see cref="Accept"/> from the one receiving thread; the
/// counters and <see cref="Address"/> may be read from any thread.
/// </summary>
/// <param name="family">The receiving socket's address family (IPv4 addresses are mapped for an IPv6 socket).</param>
public sealed class SymmetricRtpLatch(AddressFamily family = AddressFamily.InterNetwork)
{
    private SocketAddress? _latched;
    private long _latchedKey; // an IPv4 latch's first 8 bytes of sockaddr_in (never 0: the family is there), else 0
    private SocketAddress? _offered;
    private SocketAddress? _signalling;
    private volatile bool _restricted;
    private long _accepted;
    private long _strangers;

    public bool IsLatched => Volatile.Read(ref _latched) is not null;

    /// <summary>The latched address (do not modify), or null before the first packet.</summary>
    public SocketAddress? Address => Volatile.Read(ref _latched);

    public long PacketsAccepted => Volatile.Read(ref _accepted);

    /// <summary>Packets dropped because they came from an address that was not (or could not become) the remote one.</summary>
    public long StrangerPacketsDropped => Volatile.Read(ref _strangers);

    /// <summary>The latched address as an endpoint (allocates), or null before the first packet.</summary>
    public IPEndPoint? RemoteEndPoint => Address is { } address ? (IPEndPoint)new IPEndPoint(IPAddress.Any, 0).Create(address) : null;

    /// <summary>
    /// From now on only the offered address — and, when <paramref name="signallingAddress"/> is given, any port of
    /// that IP (symmetric RTP for NAT) — may latch.
    /// </summary>
    public void Restrict(IPAddress? signallingAddress)
    {
        Volatile.Write(ref _signalling, signallingAddress is null ? null : Serialize(new IPEndPoint(signallingAddress, 0)));
        _restricted = true;
    }

    /// <summary>The remote media address the SDP gave (offer or answer); a restricted latch admits it. Returns it as
    /// the latch keeps it (in the socket's family), for a sender to use until a packet latches.</summary>
    public SocketAddress Offer(IPEndPoint remote)
    {
        var offered = Serialize(remote);
        Volatile.Write(ref _offered, offered);
        return offered;
    }

    /// <summary>True when <paramref name="source"/> is (or, for the first admitted packet, becomes) the remote address.</summary>
    public bool Accept(SocketAddress source)
    {
        var latched = _latched;
        if (latched is null)
        {
            if (_restricted && !Admitted(source)) return Stranger();

            // One copy per latch, never reused, so a sender reading Address sees a complete address.
            var copy = new SocketAddress(source.Family, source.Size);
            source.Buffer.Span[..source.Size].CopyTo(copy.Buffer.Span);
            _latchedKey = KeyOf(copy); // read by this thread only, after _latched
            Volatile.Write(ref _latched, copy);
        }
        else if (_latchedKey != 0 ? KeyOf(source) != _latchedKey : !latched.Equals(source))
        {
            return Stranger();
        }

        Volatile.Write(ref _accepted, _accepted + 1); // the one receiving thread counts: no locked instruction per packet
        return true;
    }

    /// <summary>An IPv4 <c>sockaddr_in</c> (16 bytes) as its family, port and address, one 64-bit number; 0 for anything
    /// else. Its last 8 bytes are zero as the kernel writes it (and as <see cref="Serialize"/> makes it).</summary>
    private static long KeyOf(SocketAddress address) =>
        address.Size == 16 && address.Family == AddressFamily.InterNetwork ? MemoryMarshal.Read<long>(address.Buffer.Span) : 0;

    /// <summary>Forgets the latched address (e.g. after a re-INVITE moved the remote media).</summary>
    public void Reset() => Volatile.Write(ref _latched, null);

    private bool Admitted(SocketAddress source)
    {
        if (Volatile.Read(ref _offered) is { } offered && offered.Equals(source)) return true;
        return Volatile.Read(ref _signalling) is { } signalling && SameHost(signalling, source);
    }

    /// <summary>Same family and IP, any port: IPv4 holds its address at bytes 4..8, IPv6 at 8..24 (after the flow label).</summary>
    private static bool SameHost(SocketAddress a, SocketAddress b)
    {
        if (a.Family != b.Family) return false;
        var (start, length) = a.Family == AddressFamily.InterNetworkV6 ? (8, 16) : (4, 4);
        if (a.Size < start + length || b.Size < start + length) return false;
        return a.Buffer.Span.Slice(start, length).SequenceEqual(b.Buffer.Span.Slice(start, length));
    }

    private SocketAddress Serialize(IPEndPoint endPoint)
    {
        if (family == AddressFamily.InterNetworkV6 && endPoint.AddressFamily == AddressFamily.InterNetwork)
            endPoint = new IPEndPoint(endPoint.Address.MapToIPv6(), endPoint.Port);
        return endPoint.Serialize();
    }

    private bool Stranger()
    {
        Volatile.Write(ref _strangers, _strangers + 1);
        return false;
    }
}
