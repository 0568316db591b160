using Ivr.Media.Codecs;
using Ivr.Media.Dtmf;

namespace Ivr.Media.Benchmarks;

/// <summary>
/// CPU time the in-band DTMF detector takes per 20 ms packet of a caller's speech, the receive threads' largest cost
/// with the callers' audio on (issue 13: ~60 % of each receive thread in a profile of 300 talking callers). Many
/// detectors, each fed the catalog's prompts (speech with its pauses) from its own place, G.711-decoded as a call
/// receives them, so their state and the samples are not all in L1 as with one detector. Best of the rounds.
/// </summary>
internal static class InBandDetectorCost
{
    public static void Print(TextWriter output, string promptsFolder, int detectors = 300, int rounds = 7, int packets = 200)
    {
        var speech = CatalogPrompts.Read(promptsFolder).SelectMany(s => s).ToArray();
        if (speech.Length < 8000) throw new InvalidOperationException($"less than a second of prompts in {promptsFolder}");
        var decoded = RoundTrip(speech); // what a caller's µ-law carries
        var keys = 0;
        var callers = Enumerable.Range(0, detectors).Select(_ => new DtmfDetector(_ => keys++)).ToArray();
        var places = Enumerable.Range(0, detectors).Select(i => (long)i * 7919 * G711.SamplesPer20Ms % decoded.Length).ToArray();

        var best = CpuTimeRounds.Best<int>([("speech", () =>
        {
            for (var p = 0; p < packets; p++)
            {
                for (var d = 0; d < callers.Length; d++)
                {
                    var at = (int)(places[d] % (decoded.Length - G711.SamplesPer20Ms));
                    callers[d].Process(decoded.AsSpan(at, G711.SamplesPer20Ms));
                    places[d] = at + G711.SamplesPer20Ms;
                }
            }

            return keys;
        })], rounds, 1);

        var perPacket = best["speech"] / ((double)detectors * packets);
        output.WriteLine($"in-band DTMF detector, {detectors} callers' speech ({speech.Length / 8000.0:F0} s of prompts, µ-law), best of {rounds} rounds of {packets} packets each:");
        output.WriteLine($"  {perPacket / 1000,7:F2} µs of CPU per 20 ms packet ({20_000_000 / perPacket:F0}x real time on one core); keys found in speech: {keys}");
    }

    private static short[] RoundTrip(short[] samples)
    {
        var codes = new byte[samples.Length];
        var decoded = new short[samples.Length];
        G711.Encode(G711Law.MuLaw, samples, codes);
        G711.Decode(G711Law.MuLaw, codes, decoded);
        return decoded;
    }
}
