namespace Ivr.Flows.Prompts;

/// <summary>
/// Cuts the silence espeak-ng leaves before and after speech (about 0.3 s each side), keeping a
/// short margin, so that say-as fragments (三 千 二 百 …) concatenate without gaps.
/// </summary>
public static class SilenceTrimmer
{
    /// <param name="threshold">Absolute sample value below which audio counts as silence (−44 dBFS at 200).</param>
    public static short[] Trim(ReadOnlySpan<short> samples, int sampleRate, int threshold = 200, double marginSeconds = 0.03)
    {
        var first = 0;
        while (first < samples.Length && Math.Abs((int)samples[first]) < threshold) first++;
        if (first == samples.Length) return samples.ToArray();
        var last = samples.Length - 1;
        while (Math.Abs((int)samples[last]) < threshold) last--;
        var margin = (int)(sampleRate * marginSeconds);
        var start = Math.Max(0, first - margin);
        var end = Math.Min(samples.Length, last + 1 + margin);
        return samples[start..end].ToArray();
    }
}
