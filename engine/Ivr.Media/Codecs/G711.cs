namespace Ivr.Media.Codecs;

/// <summary>G.711 by law, for code that negotiates PCMU or PCMA at run time.</summary>
public static class G711
{
    /// <summary>8000 samples a second, 160 samples (and bytes) per 20 ms frame.</summary>
    public const int SampleRate = 8000;

    public const int SamplesPer20Ms = 160;

    public static void Encode(G711Law law, ReadOnlySpan<short> samples, Span<byte> codes)
    {
        if (law == G711Law.MuLaw) MuLaw.Encode(samples, codes);
        else ALaw.Encode(samples, codes);
    }

    public static void Decode(G711Law law, ReadOnlySpan<byte> codes, Span<short> samples)
    {
        if (law == G711Law.MuLaw) MuLaw.Decode(codes, samples);
        else ALaw.Decode(codes, samples);
    }

    /// <summary>The code for silence in this law.</summary>
    public static byte SilenceCode(G711Law law) => law == G711Law.MuLaw ? MuLaw.Silence : ALaw.Silence;

    /// <summary>The law for a static payload type, or null when it is neither 0 (PCMU) nor 8 (PCMA).</summary>
    public static G711Law? FromPayloadType(int payloadType) => payloadType switch
    {
        0 => G711Law.MuLaw,
        8 => G711Law.ALaw,
        _ => null,
    };
}
