namespace Ivr.Media.Codecs;

/// <summary>
/// ITU-T G.711 µ-law (PCMU, RTP payload type 0, RFC 3551 §4.5.14) between 16-bit linear samples and
/// 8-bit codes. Encoding reads a 64 Ki-entry table indexed by the sample; decoding a 256-entry table
/// (filled from the G.191 expansion formula, <see cref="G711Decode"/>). The tables are built once, so the span
/// methods allocate nothing.
/// </summary>
public static class MuLaw
{
    /// <summary>The code of silence: +0.</summary>
    public const byte Silence = 0xFF;

    /// <summary>The largest magnitude a µ-law code decodes to (8031 in 14-bit units, times 4).</summary>
    public const short MaxMagnitude = 32124;

    private static readonly byte[] s_encode = G711Table.Compressing(EncodeBySegment);
    private static readonly short[] s_decode = G711Table.Expanding(G711Decode.MuLaw);

    public static byte Encode(short sample) => s_encode[(ushort)sample];

    public static short Decode(byte code) => s_decode[code];

    /// <summary>Encodes <paramref name="samples"/> into the first samples.Length bytes of <paramref name="codes"/>.</summary>
    public static void Encode(ReadOnlySpan<short> samples, Span<byte> codes) => G711Table.Encode(s_encode, samples, codes);

    /// <summary>Decodes <paramref name="codes"/> into the first codes.Length samples of <paramref name="samples"/>.</summary>
    public static void Decode(ReadOnlySpan<byte> codes, Span<short> samples) => G711Table.Decode(s_decode, codes, samples);

    /// <summary>
    /// The G.711 µ-law compression rule as in the ITU-T G.191 reference (<c>ulaw_compress</c>): 14-bit
    /// magnitude (one's complement for negatives, so −1 is −0), bias 33, clipped to 0x1FFF, segment
    /// search; used to fill the table.
    /// </summary>
    internal static byte EncodeBySegment(short sample)
    {
        var value = (sample < 0 ? ~sample : sample) >> 2;
        value = Math.Min(value + 0x21, 0x1FFF);
        var segment = 0;
        for (var end = 0x3F; value > end; end = (end << 1) | 1) segment++;
        var code = (segment << 4) | ((value >> (segment + 1)) & 0x0F);
        return (byte)(code ^ (sample < 0 ? 0x7F : 0xFF));
    }
}
