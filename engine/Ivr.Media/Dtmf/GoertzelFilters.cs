using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace Ivr.Media.Dtmf;

/// <summary>
/// The arithmetic under <see cref="ToneAnalyzer"/>: the Hann window, and Goertzel filters at the eight Q.23 frequencies
/// (4 low, then 4 high) run side by side — eight to a window two to a 128-bit vector (<see cref="All"/>), sixteen for
/// two windows four to a 256-bit vector (<see cref="Pair"/>), one group's four for four windows (<see cref="Four"/>).
/// Every lane computes what the scalar recurrence (<see cref="Goertzel"/>) does, operation for operation, so every form
/// gives the same bits; several independent chains keep the core's floating-point pipes full where one chain waits on
/// its own previous step (a serial recurrence per filter was 60 % of a receive thread with 300 talking callers; issue
/// 13). Where the core has a fused multiply-add (<see cref="Fused"/>: x86 FMA3, which every AVX2 server has, or arm64) a
/// step is <c>s0 = fma(c, s1, x − s2)</c>: <c>x − s2</c> is ready a step early, so a chain waits for one fused operation
/// a step instead of a multiply, an add and a subtract in a row (~4 cycles against ~12), and the rounding is one fewer;
/// elsewhere every form computes <c>(x + c·s1) − s2</c>.
/// </summary>
internal static class GoertzelFilters
{
    public const int Window = 160;
    public const int Tones = 8;
    private const int SampleRate = 8000;

    // Depend on nothing but the Q.23 frequencies: computed once for the process.
    private static readonly double[] s_hann = HannWindow(Window);
    private static readonly double[] s_coefficients = [.. Enumerable.Range(0, Tones).Select(Coefficient)];
    private static readonly Vector256<double>[] s_groups = [Vector256.Create(s_coefficients.AsSpan(0, 4)), Vector256.Create(s_coefficients.AsSpan(4, 4))];
    private static readonly Vector128<double>[] s_coefficientPairs = [.. Enumerable.Range(0, 4).Select(i => Vector128.Create(s_coefficients[2 * i], s_coefficients[2 * i + 1]))];

    /// <summary>Whether every form's step is one fused multiply-add (the core has it in hardware: software fusing would
    /// be far slower), fixed for the process so every form agrees.</summary>
    public static readonly bool Fused = Fma.IsSupported || AdvSimd.Arm64.IsSupported;

    /// <summary>Σ of the Hann window's weights: a tone of amplitude A shows |X| = A·Σw/2.</summary>
    public static double HannSum { get; } = s_hann.Sum();

    /// <summary>The low group's four filters (0–3) or the high group's (4–7), as <see cref="Four"/> runs them.</summary>
    public static Vector256<double> LowGroup => s_groups[0];

    public static Vector256<double> HighGroup => s_groups[1];

    /// <summary>Nominal frequency of tone index k: 0–3 low group, 4–7 high group.</summary>
    public static double Frequency(int k) => k < 4 ? DtmfTones.Low[k] : DtmfTones.High[k - 4];

    /// <summary>2·cos(2πf/fs), the recurrence's coefficient for tone k.</summary>
    public static double Coefficient(int k) => 2 * Math.Cos(2 * Math.PI * Frequency(k) / SampleRate);

    public static double[] HannWindow(int length) =>
        [.. Enumerable.Range(0, length).Select(n => 0.5 - 0.5 * Math.Cos(2 * Math.PI * (n + 0.5) / length))];

    /// <summary>Writes the Hann-windowed <paramref name="samples"/> (one window) into <paramref name="windowed"/> and
    /// returns their energy Σx², in integers: exact, as the sum in doubles was (160 squares of 16-bit samples stay below
    /// 2^53), without a chain of dependent floating-point adds. Eight samples a step where AVX2 is there, the same bits.</summary>
    public static long ApplyWindow(ReadOnlySpan<short> samples, Span<double> windowed)
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

    /// <summary>|X| from |X|², in place, four at a time where 256-bit vectors are fast: a square root is correctly rounded
    /// either way, so the same bits as <see cref="Math.Sqrt"/> one at a time.</summary>
    public static void SquareRoots(Span<double> values)
    {
        var n = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            ref var v = ref MemoryMarshal.GetReference(values);
            for (; n + 4 <= values.Length; n += 4) Vector256.Sqrt(Vector256.LoadUnsafe(ref v, (nuint)n)).StoreUnsafe(ref v, (nuint)n);
        }

        for (; n < values.Length; n++) values[n] = Math.Sqrt(values[n]);
    }

    /// <summary>The eight filters over one window: |X(f)|² into <paramref name="power"/>, four independent pairs of
    /// chains.</summary>
    public static void All(ReadOnlySpan<double> x, Span<double> power)
    {
        var c0 = s_coefficientPairs[0];
        var c1 = s_coefficientPairs[1];
        var c2 = s_coefficientPairs[2];
        var c3 = s_coefficientPairs[3];
        Vector128<double> a1 = default, a2 = default, b1 = default, b2 = default;
        Vector128<double> d1 = default, d2 = default, e1 = default, e2 = default;
        var fused = Fused;
        foreach (var sample in x)
        {
            var xn = Vector128.Create(sample);
            var a0 = Step(xn, c0, a1, a2, fused);
            var b0 = Step(xn, c1, b1, b2, fused);
            var d0 = Step(xn, c2, d1, d2, fused);
            var e0 = Step(xn, c3, e1, e2, fused);
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

    /// <summary>The eight filters over two windows in one pass, four filters to a 256-bit vector: four independent chains
    /// of vectors where one window has two, for the step's latency to serve sixteen filters.</summary>
    public static void Pair(ReadOnlySpan<double> x, ReadOnlySpan<double> y, Span<double> xPower, Span<double> yPower)
    {
        if (x.Length != y.Length) throw new ArgumentException("two windows of one length");
        Span<double> power = stackalloc double[16];
        ref var xs = ref MemoryMarshal.GetReference(x);
        ref var ys = ref MemoryMarshal.GetReference(y);
        FourChains(ref xs, ref xs, ref ys, ref ys, (nuint)x.Length, LowGroup, HighGroup, LowGroup, HighGroup, power);
        power[..8].CopyTo(xPower);
        power[8..].CopyTo(yPower);
    }

    /// <summary>One group's four filters (<paramref name="group"/>: <see cref="LowGroup"/> or <see cref="HighGroup"/>)
    /// over four windows laid end to end in <paramref name="windows"/>, in one pass of four chains (what
    /// <see cref="Pair"/> costs): |X|² of window w's filter i into <paramref name="power"/>[4w + i].</summary>
    public static void Four(ReadOnlySpan<double> windows, Vector256<double> group, Span<double> power)
    {
        if (windows.Length != 4 * Window || power.Length < 16) throw new ArgumentException($"four windows of {Window} samples, 16 powers");
        ref var w = ref MemoryMarshal.GetReference(windows);
        FourChains(ref w, ref Unsafe.Add(ref w, Window), ref Unsafe.Add(ref w, 2 * Window), ref Unsafe.Add(ref w, 3 * Window),
            Window, group, group, group, group, power);
    }

    /// <summary>Four chains of four filters side by side: chain k runs the filters of coefficients <c>ck</c> over the
    /// <paramref name="length"/> samples at <c>wk</c>, its |X|² into <paramref name="power"/>[4k..4k+4].</summary>
    private static void FourChains(ref double w0, ref double w1, ref double w2, ref double w3, nuint length,
        Vector256<double> c0, Vector256<double> c1, Vector256<double> c2, Vector256<double> c3, Span<double> power)
    {
        Vector256<double> a1 = default, a2 = default, b1 = default, b2 = default;
        Vector256<double> d1 = default, d2 = default, e1 = default, e2 = default;
        var fused = Fused;
        for (nuint n = 0; n < length; n++)
        {
            var a0 = Step(Vector256.Create(Unsafe.Add(ref w0, n)), c0, a1, a2, fused);
            var b0 = Step(Vector256.Create(Unsafe.Add(ref w1, n)), c1, b1, b2, fused);
            var d0 = Step(Vector256.Create(Unsafe.Add(ref w2, n)), c2, d1, d2, fused);
            var e0 = Step(Vector256.Create(Unsafe.Add(ref w3, n)), c3, e1, e2, fused);
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
        Power(b1, b2, c1).CopyTo(power[4..]);
        Power(d1, d2, c2).CopyTo(power[8..]);
        Power(e1, e2, c3).CopyTo(power[12..]);
    }

    /// <summary>One step of the recurrence, the one definition every form uses (the vector forms lane by lane):
    /// <c>fma(c, s1, x − s2)</c> where <see cref="Fused"/>, else <c>(x + c·s1) − s2</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Step(double x, double c, double s1, double s2, bool fused) =>
        fused ? Math.FusedMultiplyAdd(c, s1, x - s2) : x + c * s1 - s2;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<double> Step(Vector128<double> x, Vector128<double> c, Vector128<double> s1, Vector128<double> s2, bool fused) =>
        fused ? Vector128.FusedMultiplyAdd(c, s1, x - s2) : x + c * s1 - s2;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> Step(Vector256<double> x, Vector256<double> c, Vector256<double> s1, Vector256<double> s2, bool fused) =>
        fused ? Vector256.FusedMultiplyAdd(c, s1, x - s2) : x + c * s1 - s2;

    /// <summary>|X|² from the recurrence's last two states, as <see cref="Goertzel"/> ends, lane by lane.</summary>
    private static Vector128<double> Power(Vector128<double> s1, Vector128<double> s2, Vector128<double> coefficient) =>
        s1 * s1 + s2 * s2 - coefficient * s1 * s2;

    private static Vector256<double> Power(Vector256<double> s1, Vector256<double> s2, Vector256<double> coefficient) =>
        s1 * s1 + s2 * s2 - coefficient * s1 * s2;

    /// <summary>|X(f)|² by the Goertzel recurrence; exact for any f, not only DFT bins.</summary>
    public static double Goertzel(ReadOnlySpan<double> x, double coefficient)
    {
        double s1 = 0, s2 = 0;
        var fused = Fused;
        for (var n = 0; n < x.Length; n++)
        {
            var s0 = Step(x[n], coefficient, s1, s2, fused);
            s2 = s1;
            s1 = s0;
        }

        return s1 * s1 + s2 * s2 - coefficient * s1 * s2;
    }
}
