using Ivr.Media.Codecs;
using NAudio.Codecs;

namespace Ivr.Media.Benchmarks;

/// <summary>
/// Where NAudio's G.711 maps a sample or a code differently from ours (ITU-T G.191): how many of the
/// 65 536 samples and 256 codes differ, and which.
/// </summary>
internal static class G711Agreement
{
    public static void Print(TextWriter output)
    {
        Compare(output, "µ-law encode", Samples(), s => MuLawEncoder.LinearToMuLawSample(s), MuLaw.Encode);
        Compare(output, "A-law encode", Samples(), s => ALawEncoder.LinearToALawSample(s), ALaw.Encode);
        Compare(output, "µ-law decode", Codes(), MuLawDecoder.MuLawToLinearSample, MuLaw.Decode);
        Compare(output, "A-law decode", Codes(), ALawDecoder.ALawToLinearSample, ALaw.Decode);
    }

    private static IEnumerable<short> Samples() => Enumerable.Range(short.MinValue, 65536).Select(i => (short)i);

    private static IEnumerable<byte> Codes() => Enumerable.Range(0, 256).Select(i => (byte)i);

    private static void Compare<TIn, TOut>(TextWriter output, string what, IEnumerable<TIn> inputs, Func<TIn, TOut> naudio, Func<TIn, TOut> ours)
    {
        var differences = inputs.Where(i => !EqualityComparer<TOut>.Default.Equals(naudio(i), ours(i))).ToList();
        output.WriteLine($"{what}: {differences.Count} of {inputs.Count()} differ");
        foreach (var i in differences.Take(3).Concat(differences.Skip(Math.Max(3, differences.Count - 3))))
            output.WriteLine($"  {i}: NAudio {naudio(i)}, Ivr {ours(i)}");
    }
}
