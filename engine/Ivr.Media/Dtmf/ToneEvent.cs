using Ivr.Media.Codecs;

namespace Ivr.Media.Dtmf;

/// <summary>
/// One tone burst as <see cref="DtmfDetector"/> follows it: the run of candidate windows for one key,
/// plus the partly-covered windows just before and after. Duration is measured from the Goertzel
/// magnitudes: each tone sample contributes to Window/Hop windows with Hann weights summing to a
/// constant, so hop × Σ|X| / max|X| equals the tone's length in samples, whatever its alignment.
/// </summary>
internal sealed class ToneEvent
{
    private const int SampleRate = 8000;

    private double _magnitudeSum;
    private double _peakMagnitude;
    private double _peakLowPower;
    private double _peakHighPower;
    private double _peakTotalPower;
    private double _peakLowHarmonicPower;
    private double _peakHighHarmonicPower;
    private double _lowRe, _lowIm, _lowAbs, _highRe, _highIm, _highAbs;

    public bool Active { get; private set; }

    public bool Reported { get; set; }

    public int Low { get; private set; }

    public int High { get; private set; }

    public int KeyIndex => Low * 4 + High;

    public char Key => DtmfTones.Key(Low, High);

    /// <summary>Windows analysed since the last candidate window of this event.</summary>
    public int FramesSinceCandidate { get; private set; }

    public void Start(ToneFrame frame, double magnitudeBefore)
    {
        Active = true;
        Reported = false;
        Low = frame.Low;
        High = frame.High;
        _magnitudeSum = magnitudeBefore;
        _peakMagnitude = 0;
        _lowRe = _lowIm = _lowAbs = _highRe = _highIm = _highAbs = 0;
        AddCandidate(frame);
    }

    public void AddCandidate(ToneFrame frame)
    {
        FramesSinceCandidate = 0;
        var magnitude = frame.PairMagnitude(Low, High);
        _magnitudeSum += magnitude;
        if (magnitude > _peakMagnitude)
        {
            _peakMagnitude = magnitude;
            _peakLowPower = frame.LowPower;
            _peakHighPower = frame.HighPower;
            _peakTotalPower = frame.TotalPower;
            _peakLowHarmonicPower = frame.LowHarmonicPower;
            _peakHighHarmonicPower = frame.HighHarmonicPower;
        }

        _lowRe += frame.LowCrossRe;
        _lowIm += frame.LowCrossIm;
        _lowAbs += frame.LowCrossAbs;
        _highRe += frame.HighCrossRe;
        _highIm += frame.HighCrossIm;
        _highAbs += frame.HighCrossAbs;
    }

    /// <summary>A window after the candidates: counts towards the duration while the tone fades out of it.</summary>
    public void AddTail(ToneFrame frame)
    {
        FramesSinceCandidate++;
        _magnitudeSum += Math.Min(frame.PairMagnitude(Low, High), _peakMagnitude);
    }

    public void Close() => Active = false;

    public TimeSpan Duration(int hop) =>
        _peakMagnitude <= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(hop * _magnitudeSum / _peakMagnitude / SampleRate);

    /// <summary>Whether everything measured so far passes every Q.24-style check.</summary>
    public bool Passes(DtmfDetectorOptions options, int hop)
    {
        if (Duration(hop) < options.MinToneDuration) return false;
        var minPower = Dbm0.Power(options.MinToneLevelDbm0);
        if (_peakLowPower < minPower || _peakHighPower < minPower) return false;

        var twistDb = 10 * Math.Log10(_peakLowPower / _peakHighPower);
        if (twistDb > options.MaxNormalTwistDb + options.TwistToleranceDb) return false;
        if (-twistDb > options.MaxReverseTwistDb + options.TwistToleranceDb) return false;

        if (_peakLowPower + _peakHighPower < options.MinToneEnergyRatio * _peakTotalPower) return false;

        var harmonic = Math.Pow(10, -options.MinSecondHarmonicRejectionDb / 10);
        if (_peakHighHarmonicPower > harmonic * _peakHighPower) return false;
        var lowHarmonic = 2 * DtmfTones.Low[Low];
        // 2·f(low) close to the high tone: the harmonic filter would hear the high tone itself.
        if (Math.Abs(lowHarmonic - DtmfTones.High[High]) > 150 && _peakLowHarmonicPower > harmonic * _peakLowPower) return false;

        return ToneIsTrue(_lowRe, _lowIm, _lowAbs, DtmfTones.Low[Low], options)
            && ToneIsTrue(_highRe, _highIm, _highAbs, DtmfTones.High[High], options);
    }

    /// <summary>The tone's frequency offset (Hz) from the summed phase advance over 10 ms, and its coherence.</summary>
    public static (double OffsetHz, double Coherence) Measure(double re, double im, double abs, double nominal)
    {
        var expected = 2 * Math.PI * nominal * ToneAnalyzer.Half / SampleRate;
        var delta = Math.IEEERemainder(Math.Atan2(im, re) - expected, 2 * Math.PI);
        var offset = delta * SampleRate / (2 * Math.PI * ToneAnalyzer.Half);
        return (offset, abs <= 0 ? 0 : Math.Sqrt(re * re + im * im) / abs);
    }

    private static bool ToneIsTrue(double re, double im, double abs, double nominal, DtmfDetectorOptions options)
    {
        var (offset, coherence) = Measure(re, im, abs, nominal);
        return coherence >= options.MinCoherence && Math.Abs(offset) <= options.MaxFrequencyDeviation * nominal;
    }
}
