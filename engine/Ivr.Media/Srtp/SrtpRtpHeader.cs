using System.Buffers.Binary;

namespace Ivr.Media.Srtp;

/// <summary>Where the encrypted part of an RTP packet starts (RFC 3711 §3.1): after the fixed header, the CSRCs and the header extension.</summary>
internal static class SrtpRtpHeader
{
    /// <summary>The header length of an RTP version 2 packet, or -1 when <paramref name="packet"/> is not one.</summary>
    public static int LengthOf(ReadOnlySpan<byte> packet)
    {
        if (packet.Length < 12 || packet[0] >> 6 != 2) return -1;
        var length = 12 + 4 * (packet[0] & 0x0F);
        if ((packet[0] & 0x10) != 0)
        {
            if (packet.Length < length + 4) return -1;
            length += 4 + 4 * BinaryPrimitives.ReadUInt16BigEndian(packet[(length + 2)..]);
        }

        return length <= packet.Length ? length : -1;
    }
}
