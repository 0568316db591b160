using System.Runtime.Intrinsics;
using Ivr.Media.Codecs;

namespace Ivr.Media.Dtmf;

/// <summary>
/// Analyses 160-sample (20 ms) windows: Goertzel filters at the exact Q.23 frequencies on the Hann-windowed samples (so
/// an on-frequency tone shows no scalloping and adjacent tones leak −14 dB or less; <see cref="GoertzelFilters"/>), the
/// second harmonics of the chosen pair, and for each chosen tone the complex spectrum of the two 10 ms halves, whose
/// phase advance measures the tone's true frequency (unambiguous within ±50 Hz). One window (<see cref="Analyze"/>), two
/// a hop apart (<see cref="AnalyzePair"/>, one pass of their filters), or the four a 20 ms packet completes
/// (<see cref="AnalyzeFour"/>): the low group's filters first, the high group's only when some window's low group could
/// hold a tone — a caller's speech rarely passes that test, and the filters were most of a receive thread's work with
/// talking callers (issue 13).
/// </summary>
internal sealed class ToneAnalyzer
{
    public const int Window = GoertzelFilters.Window;
    public const int Half = Window / 2;
    private const int SampleRate = 8000;

    private static readonly double s_silencePower = Dbm0.Power(-50);
    private static readonly double[] s_harmonicCoefficients = [.. Enumerable.Range(0, 8).Select(k => 2 * Math.Cos(2 * Math.PI * 2 * GoertzelFilters.Frequency(k) / SampleRate))];
    private static readonly double[][] s_halfCos = [.. Enumerable.Range(0, 8).Select(k => HalfWave(k, Math.Cos))];
    private static readonly double[][] s_halfSin = [.. Enumerable.Range(0, 8).Select(k => HalfWave(k, Math.Sin))];

    [ThreadStatic] private static double[]? t_windowed;
    [ThreadStatic] private static double[]? t_powers;

    private readonly double _presencePower;
    private readonly double _dominance;

    /// <summary>The analyser for <see cref="DtmfDetectorOptions.Default"/>, shared by every detector that uses them (it
    /// keeps nothing between windows).</summary>
    public static ToneAnalyzer Default { get; } = new(DtmfDetectorOptions.Default);

    public ToneAnalyzer(DtmfDetectorOptions options)
    {
        _presencePower = Dbm0.Power(options.MinToneLevelDbm0 - 12);
        _dominance = Math.Pow(10, options.MinGroupDominanceDb / 10);
    }

    /// <summary>Tone k's Hann-windowed cosine or sine over one 10 ms half.</summary>
    private static double[] HalfWave(int k, Func<double, double> wave)
    {
        var window = GoertzelFilters.HannWindow(Half);
        return [.. Enumerable.Range(0, Half).Select(n => window[n] * wave(2 * Math.PI * GoertzelFilters.Frequency(k) * n / SampleRate))];
    }

    /// <summary>Analyses one window into <paramref name="frame"/>.</summary>
    public void Analyze(ReadOnlySpan<short> samples, ToneFrame frame)
    {
        var windowed = Scratch().AsSpan(0, Window);
        if (!Prepare(samples, windowed, frame)) return;
        GoertzelFilters.All(windowed, frame.Magnitudes);
        GoertzelFilters.SquareRoots(frame.Magnitudes);
        Classify(samples, windowed, frame);
    }

    /// <summary>Analyses two windows (a detector's next two, a hop apart) into their frames: the same results as two
    /// <see cref="Analyze"/> calls, their filters run in one pass where 256-bit vectors are fast.</summary>
    public void AnalyzePair(ReadOnlySpan<short> first, ReadOnlySpan<short> second, ToneFrame firstFrame, ToneFrame secondFrame)
    {
        var scratch = Scratch();
        var firstWindowed = scratch.AsSpan(0, Window);
        var secondWindowed = scratch.AsSpan(Window, Window);
        var firstSounds = Prepare(first, firstWindowed, firstFrame);
        var secondSounds = Prepare(second, secondWindowed, secondFrame);
        if (firstSounds && secondSounds && Vector256.IsHardwareAccelerated)
        {
            GoertzelFilters.Pair(firstWindowed, secondWindowed, firstFrame.Magnitudes, secondFrame.Magnitudes);
        }
        else
        {
            if (firstSounds) GoertzelFilters.All(firstWindowed, firstFrame.Magnitudes);
            if (secondSounds) GoertzelFilters.All(secondWindowed, secondFrame.Magnitudes);
        }

        if (firstSounds)
        {
            GoertzelFilters.SquareRoots(firstFrame.Magnitudes);
            Classify(first, firstWindowed, firstFrame);
        }

        if (secondSounds)
        {
            GoertzelFilters.SquareRoots(secondFrame.Magnitudes);
            Classify(second, secondWindowed, secondFrame);
        }
    }

    /// <summary>
    /// Analyses the four windows <paramref name="hop"/> apart that start <paramref name="samples"/> into
    /// <paramref name="frames"/>[0..3]. The low group's four filters run for all four windows in one pass; the high
    /// group's in a second pass only when <paramref name="everyTone"/> or some window passes <see cref="LowGroupMayHoldATone"/>,
    /// which every window <see cref="Classify"/> makes a candidate passes. Otherwise no window is a candidate, and each
    /// sounding one keeps its low group's magnitudes with <see cref="ToneFrame.HighGroupMeasured"/> false (the high group's
    /// NaN): <see cref="Magnitude"/> measures one of them again if it is ever needed. Every magnitude measured has the bits
    /// <see cref="Analyze"/> gives it, and a frame whose high group was measured is everything <see cref="Analyze"/> finds.
    /// </summary>
    public void AnalyzeFour(ReadOnlySpan<short> samples, int hop, ReadOnlySpan<ToneFrame> frames, bool everyTone)
    {
        if (samples.Length < Window + 3 * hop || frames.Length < 4) throw new ArgumentException("four windows a hop apart, four frames");
        if (!Vector256.IsHardwareAccelerated)
        {
            for (var w = 0; w < 4; w++) Analyze(samples.Slice(w * hop, Window), frames[w]);
            return;
        }

        var scratch = Scratch().AsSpan(0, 4 * Window);
        var sounding = 0;
        for (var w = 0; w < 4; w++)
        {
            if (Prepare(samples.Slice(w * hop, Window), scratch.Slice(w * Window, Window), frames[w])) sounding |= 1 << w;
        }

        if (sounding == 0) return;
        var powers = t_powers ??= new double[16];
        GoertzelFilters.Four(scratch, GoertzelFilters.LowGroup, powers);
        var measureHigh = everyTone;
        for (var w = 0; w < 4; w++)
        {
            if ((sounding & 1 << w) == 0) continue;
            var low = frames[w].Magnitudes.AsSpan(0, 4);
            powers.AsSpan(4 * w, 4).CopyTo(low);
            GoertzelFilters.SquareRoots(low);
            measureHigh |= LowGroupMayHoldATone(frames[w].Magnitudes);
        }

        if (!measureHigh)
        {
            for (var w = 0; w < 4; w++)
            {
                if ((sounding & 1 << w) == 0) continue;
                frames[w].HighGroupMeasured = false;
                frames[w].Magnitudes.AsSpan(4, 4).Fill(double.NaN);
            }

            return;
        }

        GoertzelFilters.Four(scratch, GoertzelFilters.HighGroup, powers);
        for (var w = 0; w < 4; w++)
        {
            if ((sounding & 1 << w) == 0) continue;
            var high = frames[w].Magnitudes.AsSpan(4, 4);
            powers.AsSpan(4 * w, 4).CopyTo(high);
            GoertzelFilters.SquareRoots(high);
            Classify(samples.Slice(w * hop, Window), scratch.Slice(w * Window, Window), frames[w]);
        }
    }

    /// <summary>|X| of tone <paramref name="tone"/> (0–7) in one window: the bits a frame's magnitude has.</summary>
    public static double Magnitude(ReadOnlySpan<short> samples, int tone)
    {
        var windowed = Scratch().AsSpan(0, Window);
        GoertzelFilters.ApplyWindow(samples, windowed);
        return Math.Sqrt(GoertzelFilters.Goertzel(windowed, GoertzelFilters.Coefficient(tone)));
    }

    // The receiving thread's scratch, room for four windows: none kept per call, none zeroed per frame.
    private static double[] Scratch() => t_windowed ??= new double[4 * Window];

    /// <summary>Clears the frame's findings, windows the samples, measures their power: false when the window is silence
    /// (nothing more to measure: its magnitudes are cleared; a sounding window's are all written by the filters).</summary>
    private static bool Prepare(ReadOnlySpan<short> samples, Span<double> windowed, ToneFrame frame)
    {
        frame.ClearFindings();
        frame.TotalPower = (double)GoertzelFilters.ApplyWindow(samples, windowed) / Window;
        if (frame.TotalPower >= s_silencePower) return true;
        Array.Clear(frame.Magnitudes);
        return false;
    }

    /// <summary>False when the low group (magnitudes 0–3, |X|) fails a test <see cref="Classify"/> makes of it: the
    /// strongest tone's presence and its dominance over the runner-up, written as the negation of
    /// <see cref="Classify"/>'s own rejections, on the same bits.</summary>
    internal bool LowGroupMayHoldATone(double[] magnitudes)
    {
        var low = Strongest(magnitudes, 0, out var runnerUp);
        return !(SinePower(magnitudes[low]) < _presencePower) && !(Square(magnitudes[low]) < _dominance * Square(runnerUp));
    }

    /// <summary>From the eight magnitudes |X| in <see cref="ToneFrame.Magnitudes"/>: the strongest pair and whether it is a
    /// candidate, with its harmonics and phase advance.</summary>
    private void Classify(ReadOnlySpan<short> samples, ReadOnlySpan<double> windowed, ToneFrame frame)
    {
        var low = Strongest(frame.Magnitudes, 0, out var lowRunnerUp);
        var high = Strongest(frame.Magnitudes, 4, out var highRunnerUp);
        frame.Low = low;
        frame.High = high;
        frame.LowPower = SinePower(frame.Magnitudes[low]);
        frame.HighPower = SinePower(frame.Magnitudes[4 + high]);
        if (frame.LowPower < _presencePower || frame.HighPower < _presencePower) return;
        if (frame.LowPower + frame.HighPower < 0.5 * frame.TotalPower) return;
        if (Square(frame.Magnitudes[low]) < _dominance * Square(lowRunnerUp)) return;
        if (Square(frame.Magnitudes[4 + high]) < _dominance * Square(highRunnerUp)) return;

        frame.Candidate = true;
        frame.LowHarmonicPower = SinePower(Math.Sqrt(GoertzelFilters.Goertzel(windowed, s_harmonicCoefficients[low])));
        frame.HighHarmonicPower = SinePower(Math.Sqrt(GoertzelFilters.Goertzel(windowed, s_harmonicCoefficients[4 + high])));
        (frame.LowCrossRe, frame.LowCrossIm, frame.LowCrossAbs) = HalvesCross(samples, low);
        (frame.HighCrossRe, frame.HighCrossIm, frame.HighCrossAbs) = HalvesCross(samples, 4 + high);
    }

    /// <summary>Sine power (mean square) of a tone whose Hann-windowed Goertzel magnitude is |X| = A·Σw/2.</summary>
    public double SinePower(double magnitude) => 2 * Square(magnitude / GoertzelFilters.HannSum);

    private static double Square(double x) => x * x;

    private static int Strongest(double[] magnitudes, int first, out double runnerUp)
    {
        var best = 0;
        for (var i = 1; i < 4; i++)
        {
            if (magnitudes[first + i] > magnitudes[first + best]) best = i;
        }

        runnerUp = 0;
        for (var i = 0; i < 4; i++)
        {
            if (i != best) runnerUp = Math.Max(runnerUp, magnitudes[first + i]);
        }

        return best;
    }

    private (double Re, double Im, double Abs) HalvesCross(ReadOnlySpan<short> samples, int k)
    {
        var (re1, im1) = HalfDft(samples[..Half], k);
        var (re2, im2) = HalfDft(samples[Half..], k);
        // X2 · conj(X1): its angle is the phase the tone advanced in 10 ms.
        var re = re2 * re1 + im2 * im1;
        var im = im2 * re1 - re2 * im1;
        return (re, im, Math.Sqrt((re1 * re1 + im1 * im1) * (re2 * re2 + im2 * im2)));
    }

    private (double Re, double Im) HalfDft(ReadOnlySpan<short> half, int k)
    {
        double re = 0, im = 0;
        var cos = s_halfCos[k];
        var sin = s_halfSin[k];
        for (var n = 0; n < Half; n++)
        {
            re += half[n] * cos[n];
            im -= half[n] * sin[n];
        }

        return (re, im);
    }
}
