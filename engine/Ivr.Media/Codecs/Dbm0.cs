namespace Ivr.Media.Codecs;

/// <summary>
/// Signal levels in dBm0 for 16-bit linear samples. Reference (ITU-T G.711 §3 and Table 2a): the
/// µ-law coder overloads at +3.17 dBm0, a sine whose peak is 8159 14-bit units = 32 636 in 16-bit.
/// So a 0 dBm0 sine has peak 32 636 × 10^(−3.17/20) ≈ <b>22 657</b> (RMS ≈ 16 021). A-law (+3.14 dBm0 at
/// 4096 × 8) gives 22 906; the 1 % difference is ignored and the µ-law reference used for both.
/// </summary>
public static class Dbm0
{
    /// <summary>Peak amplitude of a 0 dBm0 sine in 16-bit linear units.</summary>
    public static readonly double ReferenceAmplitude = 32636 * Math.Pow(10, -3.17 / 20);

    /// <summary>Mean square (power) of a 0 dBm0 sine.</summary>
    public static readonly double ReferencePower = ReferenceAmplitude * ReferenceAmplitude / 2;

    /// <summary>Peak amplitude of a sine at <paramref name="dbm0"/>.</summary>
    public static double SineAmplitude(double dbm0) => ReferenceAmplitude * Math.Pow(10, dbm0 / 20);

    /// <summary>The mean square that a signal at <paramref name="dbm0"/> has.</summary>
    public static double Power(double dbm0) => ReferencePower * Math.Pow(10, dbm0 / 10);

    /// <summary>The level of a signal with this mean square; −120 for silence.</summary>
    public static double FromPower(double meanSquare) => meanSquare <= 0 ? -120 : Math.Max(-120, 10 * Math.Log10(meanSquare / ReferencePower));

    /// <summary>The RMS level of <paramref name="samples"/>; −120 for silence or no samples.</summary>
    public static double Of(ReadOnlySpan<short> samples)
    {
        if (samples.IsEmpty) return -120;
        double sum = 0;
        foreach (var s in samples) sum += s * (double)s;
        return FromPower(sum / samples.Length);
    }
}
