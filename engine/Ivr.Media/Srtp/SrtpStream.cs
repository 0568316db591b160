using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Ivr.Media.Srtp;

/// <summary>
/// One direction of an SRTP session (RFC 3711 §3.3): its session keys, keystream, rollover counter and, when receiving,
/// replay window. <see cref="Protect"/> encrypts the payload in place and appends the authentication tag (§3.3:
/// HMAC-SHA1 over the header, the encrypted payload and the ROC, cut to the suite's length); <see cref="Unprotect"/>
/// checks replay and tag before it decrypts in place. No allocation per packet: the ROC is written where the tag goes,
/// so the HMAC (one reused IncrementalHash) runs once over one contiguous span. Not thread-safe: the owner serializes each direction.
/// </summary>
internal sealed class SrtpStream
{
    private readonly IncrementalHash _hmac;
    private readonly int _tagLength;
    private readonly AesCounterKeystream _keystream;
    private readonly SrtpIndexTracker _index = new();
    private readonly SrtpReplayWindow _replay = new();
    private uint? _ssrc;

    public SrtpStream(ReadOnlySpan<byte> masterKeyAndSalt, SrtpSuite suite)
    {
        var keys = SrtpSessionKeys.ForRtp(masterKeyAndSalt);
        _hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA1, keys.AuthenticationKey);
        _tagLength = SrtpSuites.TagLengthOf(suite);
        _keystream = new AesCounterKeystream(keys.EncryptionKey, keys.Salt);
    }

    public int TagLength => _tagLength;

    /// <summary>The rollover counter of the stream so far.</summary>
    public uint Roc => _index.Roc;

    /// <summary>Protects the RTP packet in <paramref name="buffer"/>[..<paramref name="length"/>] in place; returns the SRTP length, or -1 when it is not RTP or does not fit.</summary>
    public int Protect(Span<byte> buffer, int length)
    {
        var headerLength = SrtpRtpHeader.LengthOf(buffer[..length]);
        if (headerLength < 0 || length + _tagLength > buffer.Length) return -1;
        var sequence = BinaryPrimitives.ReadUInt16BigEndian(buffer[2..]);
        var ssrc = BinaryPrimitives.ReadUInt32BigEndian(buffer[8..]);
        var (index, roc) = _index.Estimate(sequence);
        _index.Update(sequence, roc);
        _keystream.Apply(buffer[headerLength..length], ssrc, index);
        WriteTag(buffer, length, roc);
        return length + _tagLength;
    }

    /// <summary>Checks and decrypts the SRTP packet in <paramref name="buffer"/>[..<paramref name="length"/>] in place; on success <paramref name="rtpLength"/> is the RTP length.</summary>
    public SrtpError Unprotect(Span<byte> buffer, int length, out int rtpLength)
    {
        rtpLength = 0;
        var headerLength = SrtpRtpHeader.LengthOf(buffer[..Math.Max(0, length - _tagLength)]);
        if (headerLength < 0) return SrtpError.NotSrtp;
        var sequence = BinaryPrimitives.ReadUInt16BigEndian(buffer[2..]);
        var ssrc = BinaryPrimitives.ReadUInt32BigEndian(buffer[8..]);
        var newStream = _ssrc != ssrc; // only an authenticated packet may start a new stream (else a forgery could reset the window)
        var (index, roc) = newStream ? ((ulong)sequence, 0u) : _index.Estimate(sequence);
        if (!newStream && _replay.IsReplay(index)) return SrtpError.Replayed;

        var authenticated = length - _tagLength;
        Span<byte> received = stackalloc byte[10];
        buffer.Slice(authenticated, _tagLength).CopyTo(received);
        if (!TagMatches(buffer, authenticated, roc, received[.._tagLength])) return SrtpError.AuthenticationFailed;

        if (newStream) Restart(ssrc);
        _replay.Accept(index);
        _index.Update(sequence, roc);
        _keystream.Apply(buffer[headerLength..authenticated], ssrc, index);
        rtpLength = authenticated;
        return SrtpError.None;
    }

    /// <summary>A new SSRC starts a new stream at ROC 0 (§3.2.3: a context per SSRC; the peer sends one at a time).</summary>
    private void Restart(uint ssrc)
    {
        _index.Reset();
        _replay.Reset();
        _ssrc = ssrc;
    }

    private void WriteTag(Span<byte> buffer, int authenticated, uint roc)
    {
        Span<byte> mac = stackalloc byte[20];
        Mac(buffer, authenticated, roc, mac);
        mac[.._tagLength].CopyTo(buffer[authenticated..]);
    }

    private bool TagMatches(Span<byte> buffer, int authenticated, uint roc, ReadOnlySpan<byte> received)
    {
        Span<byte> mac = stackalloc byte[20];
        Mac(buffer, authenticated, roc, mac);
        return CryptographicOperations.FixedTimeEquals(mac[.._tagLength], received);
    }

    /// <summary>HMAC-SHA1(auth key, packet || ROC): the ROC is written over the first 4 octets after the packet (the tag's place).</summary>
    private void Mac(Span<byte> buffer, int authenticated, uint roc, Span<byte> mac)
    {
        BinaryPrimitives.WriteUInt32BigEndian(buffer[authenticated..], roc);
        _hmac.AppendData(buffer[..(authenticated + 4)]);
        _hmac.GetHashAndReset(mac);
    }
}
