namespace Ivr.Telephony.Tests.TestSupport;

/// <summary>Power of one frequency in a block of 8 kHz samples, relative to the block's total power.</summary>
public static class Goertzel
{
    public static double ShareAt(ReadOnlySpan<short> samples, double frequency)
    {
        var coefficient = 2 * Math.Cos(2 * Math.PI * frequency / 8000);
        double s1 = 0, s2 = 0, total = 0;
        foreach (var sample in samples)
        {
            var s0 = sample + coefficient * s1 - s2;
            s2 = s1;
            s1 = s0;
            total += (double)sample * sample;
        }

        var power = s1 * s1 + s2 * s2 - coefficient * s1 * s2;
        // A pure sine of N samples gives power ≈ (N/2)² A²/4·... ; normalise by N·total/2 so a pure tone reads ≈ 1.
        return total == 0 ? 0 : power / (samples.Length * total / 2);
    }
}
