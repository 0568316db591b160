using System.Buffers.Binary;

namespace Ivr.Media.Rtp;

/// <summary>
/// A received RTP packet viewed in place (RFC 3550 §5.1 fixed header, §5.3.1 header extension,
/// padding as in §5.1 P bit): nothing is copied, so parsing allocates nothing.
/// </summary>
public readonly ref struct RtpPacket
{
    private readonly ReadOnlySpan<byte> _csrcs;

    private RtpPacket(RtpHeader header, ReadOnlySpan<byte> csrcs, ushort extensionProfile, ReadOnlySpan<byte> extension, ReadOnlySpan<byte> payload)
    {
        Header = header;
        _csrcs = csrcs;
        ExtensionProfile = extensionProfile;
        ExtensionData = extension;
        Payload = payload;
    }

    public RtpHeader Header { get; }

    /// <summary>The 16-bit "defined by profile" field of the header extension (0 when X is clear).</summary>
    public ushort ExtensionProfile { get; }

    /// <summary>The header extension's data words, without the 4-octet extension header.</summary>
    public ReadOnlySpan<byte> ExtensionData { get; }

    /// <summary>The payload, without padding.</summary>
    public ReadOnlySpan<byte> Payload { get; }

    public uint GetCsrc(int index)
    {
        if ((uint)index >= (uint)Header.CsrcCount) throw new ArgumentOutOfRangeException(nameof(index), index, $"the packet has {Header.CsrcCount} CSRCs");
        return BinaryPrimitives.ReadUInt32BigEndian(_csrcs[(index * 4)..]);
    }

    /// <summary>Parses <paramref name="data"/>; on failure returns why, and <paramref name="packet"/> is default.</summary>
    public static RtpPacketError TryParse(ReadOnlySpan<byte> data, out RtpPacket packet)
    {
        packet = default;
        if (data.Length < RtpHeader.FixedLength) return RtpPacketError.TooShort;
        if (data[0] >> 6 != RtpHeader.Version) return RtpPacketError.BadVersion;
        if (data[1] is >= 200 and <= 204) return RtpPacketError.Rtcp;

        var padding = (data[0] & 0x20) != 0;
        var extension = (data[0] & 0x10) != 0;
        var csrcCount = data[0] & 0x0F;
        var offset = RtpHeader.FixedLength + 4 * csrcCount;
        if (offset > data.Length) return RtpPacketError.CsrcTruncated;
        var csrcs = data[RtpHeader.FixedLength..offset];

        ushort profile = 0;
        var extensionData = ReadOnlySpan<byte>.Empty;
        if (extension)
        {
            if (offset + 4 > data.Length) return RtpPacketError.ExtensionTruncated;
            profile = BinaryPrimitives.ReadUInt16BigEndian(data[offset..]);
            var words = BinaryPrimitives.ReadUInt16BigEndian(data[(offset + 2)..]);
            var end = offset + 4 + 4 * words;
            if (end > data.Length) return RtpPacketError.ExtensionTruncated;
            extensionData = data[(offset + 4)..end];
            offset = end;
        }

        var payloadEnd = data.Length;
        if (padding)
        {
            var count = data[^1];
            if (count == 0 || count > data.Length - offset) return RtpPacketError.BadPadding;
            payloadEnd -= count;
        }

        var header = new RtpHeader(
            (byte)(data[1] & 0x7F),
            BinaryPrimitives.ReadUInt16BigEndian(data[2..]),
            BinaryPrimitives.ReadUInt32BigEndian(data[4..]),
            BinaryPrimitives.ReadUInt32BigEndian(data[8..]),
            (data[1] & 0x80) != 0)
        {
            Padding = padding,
            Extension = extension,
            CsrcCount = csrcCount,
        };
        packet = new RtpPacket(header, csrcs, profile, extensionData, data[offset..payloadEnd]);
        return RtpPacketError.None;
    }
}
