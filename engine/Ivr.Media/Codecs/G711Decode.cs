namespace Ivr.Media.Codecs;

/// <summary>ITU-T G.711 expansion (the G.191 reference formulas); <see cref="MuLaw"/> and <see cref="ALaw"/>
/// fill their 256-entry decode tables from it once.</summary>
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
