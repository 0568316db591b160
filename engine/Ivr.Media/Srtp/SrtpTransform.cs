namespace Ivr.Media.Srtp;

/// <summary>
/// SDES-SRTP for one call's RTP (RFC 3711 with keys from RFC 4568 <c>a=crypto</c>): outgoing packets are protected
/// with our key, incoming ones checked and decrypted with the peer's. Both work in place on the caller's buffer, which
/// must have room for the tag after an outgoing packet. Each direction is serialized by its own lock, so the pacing
/// thread and the receive loop never wait for each other. Nothing to dispose: the AES objects hold only their keys. Packets dropped on the way in are counted by reason.
/// </summary>
public sealed class SrtpTransform
{
    private readonly SrtpStream _outbound;
    private SrtpStream _inbound;
    private readonly object _sendLock = new();
    private long _replayed;
    private long _unauthenticated;

    /// <param name="localKey">Our 30-octet master key and salt (the one our SDP announced): protects what we send.</param>
    /// <param name="remoteKey">The peer's master key and salt (from its SDP): checks what it sends.</param>
    public SrtpTransform(SrtpSuite suite, ReadOnlySpan<byte> localKey, ReadOnlySpan<byte> remoteKey)
    {
        Suite = suite;
        _outbound = new SrtpStream(localKey, suite);
        _inbound = new SrtpStream(remoteKey, suite);
    }

    public SrtpSuite Suite { get; }

    /// <summary>Octets an outgoing packet grows by.</summary>
    public int Overhead => _outbound.TagLength;

    /// <summary>Incoming packets refused as replays (RFC 3711 §3.3.2).</summary>
    public long Replayed => Interlocked.Read(ref _replayed);

    /// <summary>Incoming packets whose authentication tag did not match (or were not RTP).</summary>
    public long Unauthenticated => Interlocked.Read(ref _unauthenticated);

    /// <summary>Protects the RTP packet at the start of <paramref name="buffer"/> in place; the SRTP length, or -1 when it is not RTP or the tag does not fit.</summary>
    public int Protect(Span<byte> buffer, int length)
    {
        lock (_sendLock) return _outbound.Protect(buffer, length);
    }

    /// <summary>The peer announced a new key (a re-INVITE, RFC 4568 §7.1.4): its packets are checked with that one from now on.</summary>
    public void Rekey(ReadOnlySpan<byte> remoteKey) => Volatile.Write(ref _inbound, new SrtpStream(remoteKey, Suite));

    /// <summary>Unprotects in place; the RTP length, or -1 when the packet is dropped (counted). Call from one receive loop.</summary>
    public int Unprotect(Span<byte> buffer, int length)
    {
        var error = Volatile.Read(ref _inbound).Unprotect(buffer, length, out var rtpLength);
        switch (error)
        {
            case SrtpError.None:
                return rtpLength;
            case SrtpError.Replayed:
                Interlocked.Increment(ref _replayed);
                return -1;
            default:
                Interlocked.Increment(ref _unauthenticated);
                return -1;
        }
    }
}
