namespace Ivr.Media.Codecs;

/// <summary>
/// ITU-T G.711 A-law (PCMA, RTP payload type 8, RFC 3551 §4.5.14) between 16-bit linear samples and
/// 8-bit codes. Encoding reads a 64 Ki-entry table indexed by the sample; decoding a 256-entry table.
/// The tables are built once from the G.711 segment rules (13-bit magnitude, 8 segments, even bits
/// inverted: XOR 0x55), so the span methods allocate nothing.
/// </summary>
public static class ALaw
{
    /// <summary>The code of (positive) silence; it decodes to +8.</summary>
    public const byte Silence = 0xD5;

    /// <summary>The largest magnitude an A-law code decodes to (4032 in 13-bit units, times 8).</summary>
    public const short MaxMagnitude = 32256;

    private static readonly byte[] s_encode = BuildEncodeTable();
    private static readonly short[] s_decode = BuildDecodeTable();

    public static byte Encode(short sample) => s_encode[(ushort)sample];

    public static short Decode(byte code) => s_decode[code];

    /// <summary>Encodes <paramref name="samples"/> into the first samples.Length bytes of <paramref name="codes"/>.</summary>
    public static void Encode(ReadOnlySpan<short> samples, Span<byte> codes)
    {
        if (codes.Length < samples.Length) throw new ArgumentException($"need {samples.Length} bytes for the codes, got {codes.Length}", nameof(codes));
        var table = s_encode;
        for (var i = 0; i < samples.Length; i++) codes[i] = table[(ushort)samples[i]];
    }

    /// <summary>Decodes <paramref name="codes"/> into the first codes.Length samples of <paramref name="samples"/>.</summary>
    public static void Decode(ReadOnlySpan<byte> codes, Span<short> samples)
    {
        if (samples.Length < codes.Length) throw new ArgumentException($"need {codes.Length} samples for the output, got {samples.Length}", nameof(samples));
        var table = s_decode;
        for (var i = 0; i < codes.Length; i++) samples[i] = table[codes[i]];
    }

    /// <summary>The G.711 A-law compression rule (segment search), used to fill the table.</summary>
    internal static byte EncodeBySegment(short sample)
    {
        int value = sample >> 3; // 13-bit
        int mask;
        if (value >= 0) mask = 0xD5;
        else { mask = 0x55; value = -value - 1; }
        var segment = 0;
        for (var end = 0x1F; value > end && segment < 8; end = (end << 1) | 1) segment++;
        if (segment >= 8) return (byte)(0x7F ^ mask);
        var code = segment << 4;
        code |= segment < 2 ? (value >> 1) & 0x0F : (value >> segment) & 0x0F;
        return (byte)(code ^ mask);
    }

    /// <summary>The G.711 A-law expansion rule, used to fill the table.</summary>
    internal static short DecodeByFormula(byte code)
    {
        var value = code ^ 0x55;
        var magnitude = (value & 0x0F) << 4;
        var segment = (value & 0x70) >> 4;
        magnitude = segment switch
        {
            0 => magnitude + 8,
            1 => magnitude + 0x108,
            _ => (magnitude + 0x108) << (segment - 1),
        };
        return (short)((value & 0x80) != 0 ? magnitude : -magnitude);
    }

    private static byte[] BuildEncodeTable()
    {
        var table = new byte[65536];
        for (var i = 0; i < table.Length; i++) table[i] = EncodeBySegment((short)(ushort)i);
        return table;
    }

    private static short[] BuildDecodeTable()
    {
        var table = new short[256];
        for (var i = 0; i < table.Length; i++) table[i] = DecodeByFormula((byte)i);
        return table;
    }
}
