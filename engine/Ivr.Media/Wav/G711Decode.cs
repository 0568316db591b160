namespace Ivr.Media.Wav;

/// <summary>ITU-T G.711 expansion for reading µ-law/A-law WAV files. The codec proper (tables for
/// the RTP hot path) lives in Ivr.Media.Codecs; this is the reference formula.</summary>
internal static class G711Decode
{
    public static short MuLaw(byte code)
    {
        code = (byte)~code;
        var t = ((code & 0x0F) << 3) + 0x84;
        t <<= (code & 0x70) >> 4;
        return (short)((code & 0x80) != 0 ? 0x84 - t : t - 0x84);
    }

    public static short ALaw(byte code)
    {
        code ^= 0x55;
        var t = (code & 0x0F) << 4;
        var segment = (code & 0x70) >> 4;
        t = segment switch
        {
            0 => t + 8,
            1 => t + 0x108,
            _ => (t + 0x108) << (segment - 1),
        };
        return (short)((code & 0x80) != 0 ? t : -t);
    }
}
