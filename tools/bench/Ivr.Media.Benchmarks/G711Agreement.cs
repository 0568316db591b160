using Ivr.Media.Codecs;
using NAudio.Codecs;

namespace Ivr.Media.Benchmarks;

/// <summary>How many of the 65 536 samples and 256 codes NAudio's G.711 maps exactly as ours (ITU-T G.191) does.</summary>
internal static class G711Agreement
{
    public static void Print(TextWriter output)
    {
        int muEncode = 0, aEncode = 0, muDecode = 0, aDecode = 0;
        for (var s = short.MinValue; ; s++)
        {
            if (MuLawEncoder.LinearToMuLawSample(s) == MuLaw.Encode(s)) muEncode++;
            if (ALawEncoder.LinearToALawSample(s) == ALaw.Encode(s)) aEncode++;
            if (s == short.MaxValue) break;
        }

        for (var c = 0; c < 256; c++)
        {
            if (MuLawDecoder.MuLawToLinearSample((byte)c) == MuLaw.Decode((byte)c)) muDecode++;
            if (ALawDecoder.ALawToLinearSample((byte)c) == ALaw.Decode((byte)c)) aDecode++;
        }

        output.WriteLine($"µ-law encode: {muEncode}/65536 samples give the same code; decode: {muDecode}/256 codes give the same sample");
        output.WriteLine($"A-law encode: {aEncode}/65536 samples give the same code; decode: {aDecode}/256 codes give the same sample");
    }
}
