using Ivr.Media.Codecs;
using Ivr.Media.Dtmf;
using Ivr.Media.Tests.Support;

namespace Ivr.Media.Tests.Dtmf;

/// <summary>
/// The four windows of a packet analysed together, the high group's filters only where a low tone may be: every window
/// that one-at-a-time analysis makes a candidate is a candidate, with the same bits in every field; a window left
/// without its high group is one that analysis rejects, with the same low-group bits.
/// </summary>
public class ToneAnalyzerFourWindowsTests
{
    private const int Hop = 40;
    private const string Keys = "0123456789*#ABCD";

    /// <summary>Keys at the limits (level, twist, frequency), in noise, over speech, and speech alone, through µ-law.</summary>
    public static IEnumerable<short[]> Signals()
    {
        foreach (var key in Keys)
        {
            yield return Signal.ThroughMuLaw(Signal.Concat(Signal.Silence(7), Signal.Dtmf(key, 45, lowDbm0: -29), Signal.Silence(20),
                Signal.Dtmf(key, 50, lowDbm0: -3), Signal.Silence(15), Signal.Dtmf(key, 60, lowDbm0: -6, twistDb: 8.5),
                Signal.Dtmf(key, 60, lowDbm0: -10, twistDb: -4.5), Signal.Silence(10), Signal.Dtmf(key, 60, lowDeviation: 0.015, highDeviation: -0.015)));
            yield return Signal.ThroughMuLaw(Signal.WithNoise(Signal.Concat(Signal.Silence(30), Signal.Dtmf(key, 60, lowDbm0: -22), Signal.Silence(30)), -40, key));
        }

        var speech = TestAudio.Read("speech-cmn-1.wav").Samples;
        yield return speech;
        var tone = Signal.Concat(Signal.Silence(900), Signal.Dtmf('8', 70, lowDbm0: -8), Signal.Silence(200));
        yield return Signal.ThroughMuLaw([.. tone.Select((t, n) => t + speech[n] * 0.05)]);
    }

    [Fact]
    public void AnalyzeFour_KeysAtTheLimitsNoiseAndSpeech_EveryCandidateAndItsBitsAsOneAtATime()
    {
        var analyzer = ToneAnalyzer.Default;
        ToneFrame[] four = [new(), new(), new(), new()];
        var alone = new ToneFrame();
        int candidates = 0, lowOnly = 0, batches = 0;
        foreach (var samples in Signals())
        {
            for (var at = 0; at + ToneAnalyzer.Window + 3 * Hop <= samples.Length && at < 80_000; at += 4 * Hop)
            {
                batches++;
                analyzer.AnalyzeFour(samples.AsSpan(at), Hop, four, everyTone: false);
                for (var w = 0; w < 4; w++)
                {
                    analyzer.Analyze(samples.AsSpan(at + w * Hop, ToneAnalyzer.Window), alone);
                    if (alone.Candidate) candidates++;
                    if (four[w].HighGroupMeasured)
                    {
                        AssertSameFrame(alone, four[w]);
                        continue;
                    }

                    lowOnly++;
                    Assert.False(alone.Candidate, $"a candidate left without its high group at sample {at + w * Hop}");
                    Assert.False(four[w].Candidate);
                    for (var k = 0; k < 4; k++) AssertSameBits(alone.Magnitudes[k], four[w].Magnitudes[k]);
                    for (var k = 4; k < ToneFrame.Tones; k++) Assert.True(double.IsNaN(four[w].Magnitudes[k]));
                }
            }
        }

        Assert.True(candidates > 500, $"only {candidates} candidate windows");
        Assert.True(lowOnly > batches, $"only {lowOnly} windows of {4 * batches} without their high group: the speech should leave most");
    }

    [Fact]
    public void AnalyzeFour_EveryTone_AllAsOneAtATime()
    {
        var analyzer = ToneAnalyzer.Default;
        ToneFrame[] four = [new(), new(), new(), new()];
        var alone = new ToneFrame();
        foreach (var samples in Signals().Take(6).Append(TestAudio.Read("speech-cmn-0.wav").Samples[..40_000]))
        {
            for (var at = 0; at + ToneAnalyzer.Window + 3 * Hop <= samples.Length; at += 4 * Hop)
            {
                analyzer.AnalyzeFour(samples.AsSpan(at), Hop, four, everyTone: true);
                for (var w = 0; w < 4; w++)
                {
                    analyzer.Analyze(samples.AsSpan(at + w * Hop, ToneAnalyzer.Window), alone);
                    Assert.True(four[w].HighGroupMeasured);
                    AssertSameFrame(alone, four[w]);
                }
            }
        }
    }

    [Fact]
    public void Four_RandomWindows_SameBitsAsOneFilterAtATime()
    {
        var random = new Random(23333);
        var windows = new double[4 * ToneAnalyzer.Window];
        var powers = new double[16];
        for (var trial = 0; trial < 300; trial++)
        {
            for (var n = 0; n < windows.Length; n++) windows[n] = (random.NextDouble() * 2 - 1) * Math.Pow(10, random.Next(-2, 8));
            foreach (var (group, first) in new[] { (GoertzelFilters.LowGroup, 0), (GoertzelFilters.HighGroup, 4) })
            {
                GoertzelFilters.Four(windows, group, powers);
                for (var w = 0; w < 4; w++)
                {
                    for (var i = 0; i < 4; i++)
                    {
                        var alone = GoertzelFilters.Goertzel(windows.AsSpan(w * ToneAnalyzer.Window, ToneAnalyzer.Window), GoertzelFilters.Coefficient(first + i));
                        AssertSameBits(alone, powers[4 * w + i]);
                    }
                }
            }
        }

        Assert.Throws<ArgumentException>(() => GoertzelFilters.Four(windows.AsSpan(1), GoertzelFilters.LowGroup, powers));
    }

    [Fact]
    public void Magnitude_EveryTone_TheBitsAFrameHolds()
    {
        var analyzer = ToneAnalyzer.Default;
        var frame = new ToneFrame();
        foreach (var samples in Signals().Take(4))
        {
            for (var at = 0; at + ToneAnalyzer.Window <= samples.Length; at += 3 * Hop)
            {
                var window = samples.AsSpan(at, ToneAnalyzer.Window);
                analyzer.Analyze(window, frame);
                if (frame.TotalPower < Dbm0.Power(-50)) continue; // silence: nothing measured
                for (var k = 0; k < ToneFrame.Tones; k++) AssertSameBits(frame.Magnitudes[k], ToneAnalyzer.Magnitude(window, k));
            }
        }
    }

    private static void AssertSameFrame(ToneFrame expected, ToneFrame actual)
    {
        Assert.Equal(expected.Candidate, actual.Candidate);
        for (var k = 0; k < ToneFrame.Tones; k++) AssertSameBits(expected.Magnitudes[k], actual.Magnitudes[k]);
        Assert.Equal((expected.Low, expected.High), (actual.Low, actual.High));
        double[] Fields(ToneFrame f) => [f.LowPower, f.HighPower, f.LowHarmonicPower, f.HighHarmonicPower, f.TotalPower,
            f.LowCrossRe, f.LowCrossIm, f.LowCrossAbs, f.HighCrossRe, f.HighCrossIm, f.HighCrossAbs];
        var (e, a) = (Fields(expected), Fields(actual));
        for (var i = 0; i < e.Length; i++) AssertSameBits(e[i], a[i]);
    }

    private static void AssertSameBits(double expected, double actual) =>
        Assert.True(BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(actual), $"{expected:R} expected, {actual:R}");
}
