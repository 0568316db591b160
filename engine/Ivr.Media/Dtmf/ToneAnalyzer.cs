using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Ivr.Media.Codecs;

namespace Ivr.Media.Dtmf;

/// <summary>
/// Analyses one 160-sample (20 ms) window: Goertzel filters at the exact Q.23 frequencies on the
/// Hann-windowed samples (so an on-frequency tone shows no scalloping and adjacent tones leak
/// −14 dB or less), the second harmonics of the chosen pair, and for each chosen tone the complex
/// spectrum of the two 10 ms halves, whose phase advance measures the tone's true frequency
/// (unambiguous within ±50 Hz). The eight filters run side by side, two to a 128-bit vector (<see cref="GoertzelAll"/>;
/// two windows at once, <see cref="GoertzelPair"/>): one pass over the window instead of eight, and the window applied
/// eight samples a step (<see cref="ApplyWindow"/>) — the same arithmetic in the same order as one filter at a time, so
/// the same bits. A caller's audio is analysed four times a packet: a serial recurrence per filter was 60 % of a receive
/// thread with 300 talking callers (issue 13).
/// </summary>
internal sealed class ToneAnalyzer
{
    public const int Window = 160;
    public const int Half = Window / 2;
    private const int SampleRate = 8000;

    private static readonly double s_silencePower = Dbm0.Power(-50);

    // The windows and filter coefficients depend on nothing but the Q.23 frequencies: computed once for the process,
    // not per call (they were ~13 KB of every call's memory and of its set-up garbage; issue 13).
    private static readonly double[] s_hann = HannWindow(Window);
    private static readonly double s_hannSum = s_hann.Sum();
    private static readonly double[] s_coefficients = [.. Enumerable.Range(0, 8).Select(k => 2 * Math.Cos(2 * Math.PI * Frequency(k) / SampleRate))];
    private static readonly Vector256<double>[] s_coefficientQuads = [Vector256.Create(s_coefficients.AsSpan(0, 4)), Vector256.Create(s_coefficients.AsSpan(4, 4))];
    private static readonly Vector128<double>[] s_coefficientPairs = [.. Enumerable.Range(0, 4).Select(i => Vector128.Create(s_coefficients[2 * i], s_coefficients[2 * i + 1]))];
    private static readonly double[] s_harmonicCoefficients = [.. Enumerable.Range(0, 8).Select(k => 2 * Math.Cos(2 * Math.PI * 2 * Frequency(k) / SampleRate))];
    private static readonly double[][] s_halfCos = [.. Enumerable.Range(0, 8).Select(k => HalfWave(k, Math.Cos))];
    private static readonly double[][] s_halfSin = [.. Enumerable.Range(0, 8).Select(k => HalfWave(k, Math.Sin))];

    [ThreadStatic] private static double[]? t_windowed;

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

    private static double[] HannWindow(int length) =>
        [.. Enumerable.Range(0, length).Select(n => 0.5 - 0.5 * Math.Cos(2 * Math.PI * (n + 0.5) / length))];

    /// <summary>Tone k's Hann-windowed cosine or sine over one 10 ms half.</summary>
    private static double[] HalfWave(int k, Func<double, double> wave)
    {
        var window = HannWindow(Half);
        return [.. Enumerable.Range(0, Half).Select(n => window[n] * wave(2 * Math.PI * Frequency(k) * n / SampleRate))];
    }

    /// <summary>Nominal frequency of tone index k: 0–3 low group, 4–7 high group.</summary>
    public static double Frequency(int k) => k < 4 ? DtmfTones.Low[k] : DtmfTones.High[k - 4];

    /// <summary>Analyses one window into <paramref name="frame"/>.</summary>
    public void Analyze(ReadOnlySpan<short> samples, ToneFrame frame)
    {
        var windowed = Scratch().AsSpan(0, Window);
        if (!Prepare(samples, windowed, frame)) return;
        GoertzelAll(windowed, frame.Magnitudes);
        Classify(samples, windowed, frame);
    }

    /// <summary>Analyses two windows (a detector's next two, a hop apart) into their frames: the same results as two
    /// <see cref="Analyze"/> calls, their filters run in one pass (<see cref="GoertzelPair"/>) where 256-bit vectors are
    /// fast, so each step's latency serves sixteen filters instead of eight.</summary>
    public void AnalyzePair(ReadOnlySpan<short> first, ReadOnlySpan<short> second, ToneFrame firstFrame, ToneFrame secondFrame)
    {
        var scratch = Scratch();
        var firstWindowed = scratch.AsSpan(0, Window);
        var secondWindowed = scratch.AsSpan(Window, Window);
        var firstSounds = Prepare(first, firstWindowed, firstFrame);
        var secondSounds = Prepare(second, secondWindowed, secondFrame);
        if (firstSounds && secondSounds && Vector256.IsHardwareAccelerated)
        {
            GoertzelPair(firstWindowed, secondWindowed, firstFrame.Magnitudes, secondFrame.Magnitudes);
        }
        else
        {
            if (firstSounds) GoertzelAll(firstWindowed, firstFrame.Magnitudes);
            if (secondSounds) GoertzelAll(secondWindowed, secondFrame.Magnitudes);
        }

        if (firstSounds) Classify(first, firstWindowed, firstFrame);
        if (secondSounds) Classify(second, secondWindowed, secondFrame);
    }

    // The receiving thread's scratch, room for two windows: none kept per call, none zeroed per frame.
    private static double[] Scratch() => t_windowed ??= new double[2 * Window];

    /// <summary>Clears the frame's findings, windows the samples, measures their power: false when the window is silence
    /// (nothing more to measure: its magnitudes are cleared; a sounding window's are all written by the filters).</summary>
    private static bool Prepare(ReadOnlySpan<short> samples, Span<double> windowed, ToneFrame frame)
    {
        frame.ClearFindings();
        frame.TotalPower = (double)ApplyWindow(samples, windowed) / Window;
        if (frame.TotalPower >= s_silencePower) return true;
        Array.Clear(frame.Magnitudes);
        return false;
    }

    /// <summary>From the eight filters' |X|² in <see cref="ToneFrame.Magnitudes"/>: the magnitudes, the strongest pair and
    /// whether it is a candidate, with its harmonics and phase advance.</summary>
    private void Classify(ReadOnlySpan<short> samples, ReadOnlySpan<double> windowed, ToneFrame frame)
    {
        SquareRoots(frame.Magnitudes);
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
        frame.LowHarmonicPower = SinePower(Math.Sqrt(Goertzel(windowed, s_harmonicCoefficients[low])));
        frame.HighHarmonicPower = SinePower(Math.Sqrt(Goertzel(windowed, s_harmonicCoefficients[4 + high])));
        (frame.LowCrossRe, frame.LowCrossIm, frame.LowCrossAbs) = HalvesCross(samples, low);
        (frame.HighCrossRe, frame.HighCrossIm, frame.HighCrossAbs) = HalvesCross(samples, 4 + high);
    }

    /// <summary>|X| from |X|², in place, four at a time where 256-bit vectors are fast: a square root is correctly rounded
    /// either way, so the same bits as <see cref="Math.Sqrt"/> one at a time.</summary>
    internal static void SquareRoots(double[] magnitudes)
    {
        if (Vector256.IsHardwareAccelerated && magnitudes.Length == ToneFrame.Tones)
        {
            ref var m = ref MemoryMarshal.GetArrayDataReference(magnitudes);
            Vector256.Sqrt(Vector256.LoadUnsafe(ref m)).StoreUnsafe(ref m);
            Vector256.Sqrt(Vector256.LoadUnsafe(ref m, 4)).StoreUnsafe(ref m, 4);
            return;
        }

        for (var k = 0; k < magnitudes.Length; k++) magnitudes[k] = Math.Sqrt(magnitudes[k]);
    }

    /// <summary>Writes the Hann-windowed <paramref name="samples"/> (one window) into <paramref name="windowed"/> and
    /// returns their energy Σx², in integers: exact, as the sum in doubles was (160 squares of 16-bit samples stay below
    /// 2^53), without a chain of dependent floating-point adds. Eight samples a step where AVX2 is there, the same bits.</summary>
    internal static long ApplyWindow(ReadOnlySpan<short> samples, Span<double> windowed)
    {
        if (samples.Length != Window || windowed.Length < Window) throw new ArgumentException($"one window is {Window} samples");
        return Avx2.IsSupported ? ApplyWindowAvx2(samples, windowed) : ApplyWindowScalar(samples, windowed);
    }

    private static long ApplyWindowScalar(ReadOnlySpan<short> samples, Span<double> windowed)
    {
        long energy = 0;
        for (var n = 0; n < Window; n++)
        {
            energy += samples[n] * samples[n];
            windowed[n] = samples[n] * s_hann[n];
        }

        return energy;
    }

    private static long ApplyWindowAvx2(ReadOnlySpan<short> samples, Span<double> windowed)
    {
        ref var x = ref MemoryMarshal.GetReference(samples);
        ref var w = ref MemoryMarshal.GetReference(windowed);
        ref var hann = ref MemoryMarshal.GetArrayDataReference(s_hann);
        var energy = Vector256<long>.Zero;
        for (nuint n = 0; n < Window; n += 8)
        {
            var ints = Avx2.ConvertToVector256Int32(Vector128.LoadUnsafe(ref x, n)); // 8 samples, sign-extended
            var squares = Avx2.MultiplyLow(ints, ints); // each at most 2^30
            energy += Avx2.ConvertToVector256Int64(squares.GetLower()) + Avx2.ConvertToVector256Int64(squares.GetUpper());
            (Avx.ConvertToVector256Double(ints.GetLower()) * Vector256.LoadUnsafe(ref hann, n)).StoreUnsafe(ref w, n);
            (Avx.ConvertToVector256Double(ints.GetUpper()) * Vector256.LoadUnsafe(ref hann, n + 4)).StoreUnsafe(ref w, n + 4);
        }

        return Vector256.Sum(energy);
    }

    /// <summary>Sine power (mean square) of a tone whose Hann-windowed Goertzel magnitude is |X| = A·Σw/2.</summary>
    public double SinePower(double magnitude) => 2 * Square(magnitude / s_hannSum);

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

    /// <summary><see cref="Goertzel"/> at the eight Q.23 frequencies in one pass: |X(f)|² into <paramref name="power"/>.
    /// Each lane computes what the scalar recurrence does, operation for operation (no fused multiply-add), so the
    /// results are the same bits; four independent pairs of chains keep the core's pipelines full where one chain
    /// waits on its own previous step.</summary>
    internal static void GoertzelAll(ReadOnlySpan<double> x, Span<double> power)
    {
        var c0 = s_coefficientPairs[0];
        var c1 = s_coefficientPairs[1];
        var c2 = s_coefficientPairs[2];
        var c3 = s_coefficientPairs[3];
        Vector128<double> a1 = default, a2 = default, b1 = default, b2 = default;
        Vector128<double> d1 = default, d2 = default, e1 = default, e2 = default;
        foreach (var sample in x)
        {
            var xn = Vector128.Create(sample);
            var a0 = xn + c0 * a1 - a2;
            var b0 = xn + c1 * b1 - b2;
            var d0 = xn + c2 * d1 - d2;
            var e0 = xn + c3 * e1 - e2;
            a2 = a1;
            a1 = a0;
            b2 = b1;
            b1 = b0;
            d2 = d1;
            d1 = d0;
            e2 = e1;
            e1 = e0;
        }

        Power(a1, a2, c0).CopyTo(power);
        Power(b1, b2, c1).CopyTo(power[2..]);
        Power(d1, d2, c2).CopyTo(power[4..]);
        Power(e1, e2, c3).CopyTo(power[6..]);
    }

    /// <summary><see cref="GoertzelAll"/> of two windows in one pass, four filters to a 256-bit vector: each lane the scalar
    /// recurrence, operation for operation, so the same bits; four independent chains of vectors where one window has
    /// two, for the step's latency to serve sixteen filters.</summary>
    internal static void GoertzelPair(ReadOnlySpan<double> x, ReadOnlySpan<double> y, Span<double> xPower, Span<double> yPower)
    {
        if (x.Length != y.Length) throw new ArgumentException("two windows of one length");
        var low = s_coefficientQuads[0];
        var high = s_coefficientQuads[1];
        Vector256<double> xl1 = default, xl2 = default, xh1 = default, xh2 = default;
        Vector256<double> yl1 = default, yl2 = default, yh1 = default, yh2 = default;
        for (var n = 0; n < x.Length; n++)
        {
            var xn = Vector256.Create(x[n]);
            var yn = Vector256.Create(y[n]);
            var xl0 = xn + low * xl1 - xl2;
            var xh0 = xn + high * xh1 - xh2;
            var yl0 = yn + low * yl1 - yl2;
            var yh0 = yn + high * yh1 - yh2;
            xl2 = xl1;
            xl1 = xl0;
            xh2 = xh1;
            xh1 = xh0;
            yl2 = yl1;
            yl1 = yl0;
            yh2 = yh1;
            yh1 = yh0;
        }

        Power(xl1, xl2, low).CopyTo(xPower);
        Power(xh1, xh2, high).CopyTo(xPower[4..]);
        Power(yl1, yl2, low).CopyTo(yPower);
        Power(yh1, yh2, high).CopyTo(yPower[4..]);
    }

    /// <summary>|X|² from the recurrence's last two states, as <see cref="Goertzel"/> ends, lane by lane.</summary>
    private static Vector128<double> Power(Vector128<double> s1, Vector128<double> s2, Vector128<double> coefficient) =>
        s1 * s1 + s2 * s2 - coefficient * s1 * s2;

    private static Vector256<double> Power(Vector256<double> s1, Vector256<double> s2, Vector256<double> coefficient) =>
        s1 * s1 + s2 * s2 - coefficient * s1 * s2;

    /// <summary>|X(f)|² by the Goertzel recurrence; exact for any f, not only DFT bins.</summary>
    internal static double Goertzel(ReadOnlySpan<double> x, double coefficient)
    {
        double s1 = 0, s2 = 0;
        for (var n = 0; n < x.Length; n++)
        {
            var s0 = x[n] + coefficient * s1 - s2;
            s2 = s1;
            s1 = s0;
        }

        return s1 * s1 + s2 * s2 - coefficient * s1 * s2;
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
