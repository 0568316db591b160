using Ivr.Media.Dtmf;
using Ivr.Media.Tests.Support;

namespace Ivr.Media.Tests.Dtmf;

/// <summary>The eight Goertzel filters run side by side, and the window applied eight samples a step, give the same bits
/// as one filter and one sample at a time.</summary>
public class ToneAnalyzerTests
{
    [Fact]
    public void GoertzelAll_RandomWindows_SameBitsAsOneFilterAtATime()
    {
        var random = new Random(12333);
        var window = new double[ToneAnalyzer.Window];
        for (var trial = 0; trial < 2000; trial++)
        {
            var scale = Math.Pow(10, random.Next(-3, 9));
            for (var n = 0; n < window.Length; n++) window[n] = (random.NextDouble() * 2 - 1) * scale;
            AssertSameBits(window);
        }
    }

    [Fact]
    public void GoertzelAll_TonesSpeechAndFullScale_SameBitsAsOneFilterAtATime()
    {
        var signals = "0123456789*#ABCD".Select(key => Signal.ThroughMuLaw(Signal.Dtmf(key, 60)))
            .Append(TestAudio.Read("speech-cmn-0.wav").Samples)
            .Append([.. Enumerable.Range(0, 640).Select(n => n % 7 < 3 ? short.MaxValue : short.MinValue)]);
        foreach (var samples in signals)
        {
            for (var at = 0; at + ToneAnalyzer.Window <= samples.Length && at < 40_000; at += 40)
                AssertSameBits([.. samples.AsSpan(at, ToneAnalyzer.Window).ToArray().Select(s => (double)s)]);
        }
    }

    [Fact]
    public void GoertzelAll_ShortAndEmptyInput_SameBitsAsOneFilterAtATime()
    {
        AssertSameBits([]);
        AssertSameBits([1.0]);
        AssertSameBits([-32768.0, 32767.0, 0.5]);
    }

    [Fact]
    public void ApplyWindow_AnySamples_SameBitsAsTheScalarWindowAndAnExactEnergy()
    {
        var random = new Random(333);
        var hann = Enumerable.Range(0, ToneAnalyzer.Window).Select(n => 0.5 - 0.5 * Math.Cos(2 * Math.PI * (n + 0.5) / ToneAnalyzer.Window)).ToArray();
        var windows = Enumerable.Range(0, 500).Select(_ => Enumerable.Range(0, ToneAnalyzer.Window).Select(_ => (short)random.Next(short.MinValue, short.MaxValue + 1)).ToArray())
            .Append(Enumerable.Repeat(short.MinValue, ToneAnalyzer.Window).ToArray())
            .Append(Enumerable.Repeat(short.MaxValue, ToneAnalyzer.Window).ToArray())
            .Append(new short[ToneAnalyzer.Window]);
        var windowed = new double[ToneAnalyzer.Window];
        foreach (var samples in windows)
        {
            var energy = GoertzelFilters.ApplyWindow(samples, windowed);
            Assert.Equal(samples.Sum(s => (long)s * s), energy);
            for (var n = 0; n < samples.Length; n++)
                Assert.Equal(BitConverter.DoubleToInt64Bits(samples[n] * hann[n]), BitConverter.DoubleToInt64Bits(windowed[n]));
        }

        Assert.Throws<ArgumentException>(() => GoertzelFilters.ApplyWindow(new short[ToneAnalyzer.Window - 1], windowed));
    }

    [Fact]
    public void SquareRoots_AnyPowers_SameBitsAsMathSqrt()
    {
        var random = new Random(1633);
        double[] edges = [0, -0.0, double.Epsilon, -1e-300, 1e-310, 1, 2, double.MaxValue, double.PositiveInfinity, double.NaN];
        for (var trial = 0; trial < 2_000; trial++)
        {
            double[] powers = [.. Enumerable.Range(0, ToneFrame.Tones).Select(k => trial < edges.Length && k == trial % ToneFrame.Tones
                ? edges[trial]
                : random.NextDouble() * Math.Pow(10, random.Next(-20, 30)))];
            var expected = powers.Select(Math.Sqrt).ToArray();

            GoertzelFilters.SquareRoots(powers);

            for (var k = 0; k < powers.Length; k++) Assert.Equal(BitConverter.DoubleToInt64Bits(expected[k]), BitConverter.DoubleToInt64Bits(powers[k]));
        }
    }

    [Fact]
    public void GoertzelPair_TwoWindows_SameBitsAsEachAlone()
    {
        var random = new Random(4733);
        var speech = TestAudio.Read("speech-cmn-0.wav").Samples;
        for (var trial = 0; trial < 500; trial++)
        {
            var at = random.Next(0, speech.Length - ToneAnalyzer.Window - 40);
            double[] x = [.. speech.AsSpan(at, ToneAnalyzer.Window).ToArray().Select(s => (double)s)];
            double[] y = trial % 2 == 0
                ? [.. speech.AsSpan(at + 40, ToneAnalyzer.Window).ToArray().Select(s => (double)s)]
                : [.. Enumerable.Range(0, ToneAnalyzer.Window).Select(_ => (random.NextDouble() * 2 - 1) * 1e6)];
            var xPower = new double[ToneFrame.Tones];
            var yPower = new double[ToneFrame.Tones];
            GoertzelFilters.Pair(x, y, xPower, yPower);
            AssertSameBits(x, xPower);
            AssertSameBits(y, yPower);
        }
    }

    private static void AssertSameBits(double[] window)
    {
        var together = new double[ToneFrame.Tones];
        GoertzelFilters.All(window, together);
        AssertSameBits(window, together);
    }

    private static void AssertSameBits(double[] window, double[] together)
    {
        for (var k = 0; k < ToneFrame.Tones; k++)
        {
            var coefficient = 2 * Math.Cos(2 * Math.PI * GoertzelFilters.Frequency(k) / 8000);
            var alone = GoertzelFilters.Goertzel(window, coefficient);
            Assert.True(BitConverter.DoubleToInt64Bits(alone) == BitConverter.DoubleToInt64Bits(together[k]),
                $"tone {k} ({GoertzelFilters.Frequency(k)} Hz): {alone:R} alone, {together[k]:R} together");
        }
    }
}
