using Ivr.Media.Dtmf;

namespace Ivr.Media.Tests.Support;

/// <summary>Runs a <see cref="DtmfDetector"/> over samples in 20 ms chunks and collects what it reports.</summary>
internal static class DetectorRun
{
    public static List<DtmfDetection> Detect(short[] samples, DtmfDetectorOptions? options = null, int chunk = 160)
    {
        var found = new List<DtmfDetection>();
        var detector = new DtmfDetector(found.Add, options);
        for (var i = 0; i < samples.Length; i += chunk) detector.Process(samples.AsSpan(i, Math.Min(chunk, samples.Length - i)));
        return found;
    }

    public static string Keys(short[] samples, DtmfDetectorOptions? options = null) => new(Detect(samples, options).Select(d => d.Key).ToArray());

    /// <summary>The keys found in a tone padded with silence, through µ-law.</summary>
    public static string KeysOf(double[] tone, double noiseDbm0 = double.NaN, int seed = 1)
    {
        var x = Signal.Concat(Signal.Silence(47), tone, Signal.Silence(80));
        if (!double.IsNaN(noiseDbm0)) x = Signal.WithNoise(x, noiseDbm0, seed);
        return Keys(Signal.ThroughMuLaw(x));
    }
}
