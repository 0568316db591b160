namespace Ivr.Media.Dtmf;

/// <summary>What <see cref="ToneAnalyzer"/> found in one 20 ms window (reused: one per analysing thread).</summary>
internal sealed class ToneFrame
{
    /// <summary>The Q.23 frequencies measured: 4 low, then 4 high.</summary>
    public const int Tones = GoertzelFilters.Tones;

    /// <summary>Goertzel magnitude |X| (Hann window) at each Q.23 frequency: 4 low, then 4 high.</summary>
    public readonly double[] Magnitudes = new double[Tones];

    /// <summary>False when only the low group's magnitudes were measured (the high group's are NaN): no tone of the low
    /// group was strong and dominant enough for the window to be a candidate (<see cref="ToneAnalyzer.AnalyzeFour"/>).</summary>
    public bool HighGroupMeasured = true;

    /// <summary>True when the window looks like one DTMF pair (strong, dominant in each group, most of the power).</summary>
    public bool Candidate;

    public int Low;
    public int High;

    /// <summary>Estimated sine power (mean square) of the chosen tones, their second harmonics and the whole window.</summary>
    public double LowPower;
    public double HighPower;
    public double LowHarmonicPower;
    public double HighHarmonicPower;
    public double TotalPower;

    /// <summary>X2·conj(X1) of the two 10 ms halves at the nominal frequency (phase advance → frequency), and |X1||X2|.</summary>
    public double LowCrossRe;
    public double LowCrossIm;
    public double LowCrossAbs;
    public double HighCrossRe;
    public double HighCrossIm;
    public double HighCrossAbs;

    public int KeyIndex => Low * 4 + High;

    public double PairMagnitude(int low, int high) => Magnitudes[low] + Magnitudes[4 + high];

    /// <summary>Everything but <see cref="Magnitudes"/>, which the filters overwrite (a silent window clears them itself).</summary>
    public void ClearFindings()
    {
        Candidate = false;
        HighGroupMeasured = true;
        Low = High = -1;
        LowPower = HighPower = LowHarmonicPower = HighHarmonicPower = TotalPower = 0;
        LowCrossRe = LowCrossIm = LowCrossAbs = HighCrossRe = HighCrossIm = HighCrossAbs = 0;
    }
}
