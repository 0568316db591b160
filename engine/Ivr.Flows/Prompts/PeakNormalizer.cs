namespace Ivr.Flows.Prompts;

/// <summary>Scales a prompt so its loudest sample sits at a fixed level (−3 dBFS), the same for every prompt.</summary>
public static class PeakNormalizer
{
    public const double TargetPeak = 0.707; // −3 dBFS

    public static short[] Normalize(ReadOnlySpan<short> samples, double targetPeak = TargetPeak)
    {
        var peak = 0;
        foreach (var s in samples) peak = Math.Max(peak, Math.Abs((int)s));
        var output = samples.ToArray();
        if (peak == 0) return output;
        var gain = targetPeak * short.MaxValue / peak;
        for (var i = 0; i < output.Length; i++) output[i] = (short)Math.Clamp(Math.Round(output[i] * gain), short.MinValue, short.MaxValue);
        return output;
    }
}
