namespace Ivr.Media.Dtmf;

/// <summary>
/// Acceptance limits of <see cref="DtmfDetector"/>, after ITU-T Q.24 (frequencies of Q.23). Defaults:
/// tones within ±1.5 % are accepted and beyond ±3.5 % rejected (limit 2.5 %); 40 ms tones accepted,
/// 30 ms rejected (limit 35 ms measured); twist up to 8 dB normal (low group louder) and 4 dB reverse
/// (high group louder), each with 0.5 dB measuring allowance; each tone down to −25 dBm0 accepted
/// (limit −29 dBm0, see <see cref="Codecs.Dbm0"/> for the reference).
/// </summary>
public sealed record DtmfDetectorOptions
{
    public static DtmfDetectorOptions Default { get; } = new();

    /// <summary>Weakest accepted tone, each of the pair, in dBm0.</summary>
    public double MinToneLevelDbm0 { get; init; } = -29;

    /// <summary>Largest accepted excess of the low-group tone over the high-group tone ("normal twist").</summary>
    public double MaxNormalTwistDb { get; init; } = 8;

    /// <summary>Largest accepted excess of the high-group tone over the low-group tone ("reverse twist").</summary>
    public double MaxReverseTwistDb { get; init; } = 4;

    /// <summary>Measuring allowance added to both twist limits.</summary>
    public double TwistToleranceDb { get; init; } = 0.5;

    /// <summary>Largest accepted relative deviation of either tone from its nominal frequency.</summary>
    public double MaxFrequencyDeviation { get; init; } = 0.025;

    /// <summary>Shortest accepted tone (measured duration).</summary>
    public TimeSpan MinToneDuration { get; init; } = TimeSpan.FromMilliseconds(35);

    /// <summary>Least share of the signal's power that the two tones must hold (talk-off guard).</summary>
    public double MinToneEnergyRatio { get; init; } = 0.7;

    /// <summary>How far the chosen tone of each group must stand above the group's next strongest.</summary>
    public double MinGroupDominanceDb { get; init; } = 6;

    /// <summary>How far below its fundamental each tone's second harmonic must be (talk-off guard).</summary>
    public double MinSecondHarmonicRejectionDb { get; init; } = 10;

    /// <summary>Least phase coherence (0..1) of each tone across the press: a steady tone is ~1, speech much less.</summary>
    public double MinCoherence { get; init; } = 0.9;

    /// <summary>Null when the options make sense, else what is wrong.</summary>
    public string? Validate()
    {
        if (MinToneDuration <= TimeSpan.Zero) return "MinToneDuration must be positive";
        if (MaxFrequencyDeviation is <= 0 or >= 0.05) return "MaxFrequencyDeviation must lie between 0 and 0.05 (5 %)";
        if (MinToneEnergyRatio is <= 0 or > 1) return "MinToneEnergyRatio must lie in (0, 1]";
        if (MinCoherence is < 0 or > 1) return "MinCoherence must lie in [0, 1]";
        if (MaxNormalTwistDb < 0 || MaxReverseTwistDb < 0 || TwistToleranceDb < 0) return "twist limits cannot be negative";
        if (MinGroupDominanceDb < 0 || MinSecondHarmonicRejectionDb < 0) return "dominance and harmonic rejection cannot be negative";
        if (MinToneLevelDbm0 > 0) return "MinToneLevelDbm0 above 0 dBm0 would reject every normal tone";
        return null;
    }
}
