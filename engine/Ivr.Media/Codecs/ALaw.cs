namespace Ivr.Media.Codecs;

/// <summary>
/// ITU-T G.711 A-law (PCMA, RTP payload type 8, RFC 3551 §4.5.14) between 16-bit linear samples and
/// 8-bit codes. Encoding reads a 64 Ki-entry table indexed by the sample; decoding a 256-entry table
/// (filled from the G.191 expansion formula, <see cref="G711Decode"/>). The tables are built once, so the span
/// methods allocate nothing.
/// </summary>
public static class ALaw
{
    /// <summary>The code of (positive) silence; it decodes to +8.</summary>
    public const byte Silence = 0xD5;

    /// <summary>The largest magnitude an A-law code decodes to (4032 in 13-bit units, times 8).</summary>
    public const short MaxMagnitude = 32256;

    private static readonly byte[] s_encode = G711Table.Compressing(EncodeBySegment);
    private static readonly short[] s_decode = G711Table.Expanding(G711Decode.ALaw);

    public static byte Encode(short sample) => s_encode[(ushort)sample];

    public static short Decode(byte code) => s_decode[code];

    /// <summary>Encodes <paramref name="samples"/> into the first samples.Length bytes of <paramref name="codes"/>.</summary>
    public static void Encode(ReadOnlySpan<short> samples, Span<byte> codes) => G711Table.Encode(s_encode, samples, codes);

    /// <summary>Decodes <paramref name="codes"/> into the first codes.Length samples of <paramref name="samples"/>.</summary>
    public static void Decode(ReadOnlySpan<byte> codes, Span<short> samples) => G711Table.Decode(s_decode, codes, samples);

    /// <summary>
    /// The G.711 A-law compression rule (ITU-T G.191 <c>alaw_compress</c>): 13-bit magnitude (one's
    /// complement for negatives), segment search, even bits inverted (XOR 0x55); used to fill the table.
    /// </summary>
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
}
