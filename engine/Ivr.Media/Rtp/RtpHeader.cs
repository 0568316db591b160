using System.Buffers.Binary;

namespace Ivr.Media.Rtp;

/// <summary>
/// The fixed RTP header, RFC 3550 §5.1: version 2, padding (P), extension (X), CSRC count (CC),
/// marker (M), payload type (PT), sequence number, timestamp and SSRC.
/// </summary>
public readonly record struct RtpHeader(byte PayloadType, ushort SequenceNumber, uint Timestamp, uint Ssrc, bool Marker = false)
{
    /// <summary>The RTP version this code speaks (RFC 3550 §5.1, V field).</summary>
    public const int Version = 2;

    /// <summary>Length of the fixed header, without CSRCs or extension.</summary>
    public const int FixedLength = 12;

    /// <summary>P bit: the packet ends in padding octets, the last of which counts them.</summary>
    public bool Padding { get; init; }

    /// <summary>X bit: a header extension (RFC 3550 §5.3.1) follows the CSRC list.</summary>
    public bool Extension { get; init; }

    /// <summary>CC field: the number of CSRC identifiers (0..15) after the fixed header.</summary>
    public int CsrcCount { get; init; }

    /// <summary>
    /// Writes the fixed header followed by <paramref name="csrcs"/> (at most 15; CC is taken from their
    /// count) and returns the number of bytes written. P and X are written as set; the caller writes
    /// the extension and padding octets themselves.
    /// </summary>
    public int WriteTo(Span<byte> destination, ReadOnlySpan<uint> csrcs = default)
    {
        if (PayloadType > 127) throw new ArgumentOutOfRangeException(nameof(PayloadType), PayloadType, "RTP payload type is 7 bits (0..127)");
        if (csrcs.Length > 15) throw new ArgumentException("at most 15 CSRCs fit the 4-bit CC field", nameof(csrcs));
        var length = FixedLength + 4 * csrcs.Length;
        if (destination.Length < length) throw new ArgumentException($"RTP header needs {length} bytes, got {destination.Length}", nameof(destination));
        destination[0] = (byte)((Version << 6) | (Padding ? 0x20 : 0) | (Extension ? 0x10 : 0) | csrcs.Length);
        destination[1] = (byte)((Marker ? 0x80 : 0) | PayloadType);
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], SequenceNumber);
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], Timestamp);
        BinaryPrimitives.WriteUInt32BigEndian(destination[8..], Ssrc);
        for (var i = 0; i < csrcs.Length; i++) BinaryPrimitives.WriteUInt32BigEndian(destination[(FixedLength + 4 * i)..], csrcs[i]);
        return length;
    }
}
