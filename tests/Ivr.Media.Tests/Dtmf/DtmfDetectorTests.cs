using Ivr.Media.Dtmf;
using Ivr.Media.Tests.Support;
using Ivr.Media.Wav;

namespace Ivr.Media.Tests.Dtmf;

/// <summary>ITU-T Q.24-style acceptance tests on generated tones, sent through a µ-law channel.</summary>
public class DtmfDetectorTests
{
    public static TheoryData<char> AllKeys() => new(@"0123456789*#ABCD".ToCharArray());

    [Theory]
    [MemberData(nameof(AllKeys))]
    public void Process_NominalTone_ReportsKeyOnce(char key) =>
        Assert.Equal(key.ToString(), DetectorRun.KeysOf(Signal.Dtmf(key, 60)));

    [Theory]
    [MemberData(nameof(AllKeys))]
    public void Process_FrequenciesOffByOneAndAHalfPercent_Accepted(char key)
    {
        foreach (var d in new[] { 0.015, -0.015 })
        {
            Assert.Equal(key.ToString(), DetectorRun.KeysOf(Signal.Dtmf(key, 60, lowDeviation: d)));
            Assert.Equal(key.ToString(), DetectorRun.KeysOf(Signal.Dtmf(key, 60, highDeviation: d)));
            Assert.Equal(key.ToString(), DetectorRun.KeysOf(Signal.Dtmf(key, 60, lowDeviation: d, highDeviation: -d)));
        }
    }

    [Theory]
    [MemberData(nameof(AllKeys))]
    public void Process_FrequencyOffByThreeAndAHalfPercent_Rejected(char key)
    {
        foreach (var d in new[] { 0.035, -0.035 })
        {
            Assert.Equal("", DetectorRun.KeysOf(Signal.Dtmf(key, 60, lowDeviation: d)));
            Assert.Equal("", DetectorRun.KeysOf(Signal.Dtmf(key, 60, highDeviation: d)));
        }
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.9)]
    [InlineData(2.6)]
    [InlineData(4.4)]
    public void Process_FortyMsTone_Accepted(double alignmentMs) =>
        Assert.Equal("7", DetectorRun.KeysOf(Signal.Concat(Signal.Silence(alignmentMs), Signal.Dtmf('7', 40))));

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.9)]
    [InlineData(2.6)]
    [InlineData(4.4)]
    public void Process_ThirtyMsTone_Rejected(double alignmentMs) =>
        Assert.Equal("", DetectorRun.KeysOf(Signal.Concat(Signal.Silence(alignmentMs), Signal.Dtmf('7', 30))));

    [Theory]
    [InlineData(8.0, "1")]
    [InlineData(-4.0, "1")]
    [InlineData(10.0, "")]
    [InlineData(-6.0, "")]
    public void Process_Twist_AcceptedWithinEightNormalAndFourReverse(double twistDb, string expected) =>
        Assert.Equal(expected, DetectorRun.KeysOf(Signal.Dtmf('1', 60, lowDbm0: -8, twistDb: twistDb)));

    [Theory]
    [MemberData(nameof(AllKeys))]
    public void Process_BothTonesAtMinus25Dbm0_Accepted(char key) =>
        Assert.Equal(key.ToString(), DetectorRun.KeysOf(Signal.Dtmf(key, 50, lowDbm0: -25)));

    [Fact]
    public void Process_TonesAtMinus35Dbm0_Rejected() =>
        Assert.Equal("", DetectorRun.KeysOf(Signal.Dtmf('9', 100, lowDbm0: -35)));

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Process_WeakToneInWhiteNoise_Accepted(int seed)
    {
        // Each tone −25 dBm0, noise −37 dBm0 RMS over the whole band: 12 dB below each tone.
        Assert.Equal("0", DetectorRun.KeysOf(Signal.Dtmf('0', 45, lowDbm0: -25), noiseDbm0: -37, seed));
    }

    [Fact]
    public void Process_WhiteNoiseOnly_NothingReported()
    {
        foreach (var level in new[] { -40.0, -25, -10 })
            Assert.Equal("", DetectorRun.Keys(Signal.ThroughMuLaw(Signal.WithNoise(Signal.Silence(3000), level))));
    }

    [Fact]
    public void Process_LongPress_ReportedOnce() =>
        Assert.Equal("#", DetectorRun.KeysOf(Signal.Dtmf('#', 2000)));

    [Fact]
    public void Process_TenMsDropOutInNoise_BridgedAndReportedOnce()
    {
        var tone = Signal.Concat(Signal.Dtmf('4', 60), Signal.Silence(10), Signal.Dtmf('4', 60));
        Assert.Equal("4", DetectorRun.KeysOf(tone, noiseDbm0: -40));
    }

    [Fact]
    public void Process_DigitsWithFortyMsPauses_EachReported()
    {
        var parts = new List<double[]>();
        foreach (var key in "12333")
        {
            parts.Add(Signal.Dtmf(key, 50));
            parts.Add(Signal.Silence(40));
        }

        Assert.Equal("12333", DetectorRun.KeysOf(Signal.Concat([.. parts])));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(40)]
    [InlineData(80)]
    [InlineData(120)]
    [InlineData(161)]
    [InlineData(200)]
    [InlineData(333)]
    public void Process_AnyChunkSize_SameResult(int chunk)
    {
        var samples = Signal.ThroughMuLaw(Signal.Concat(Signal.Silence(13), Signal.Dtmf('5', 45), Signal.Silence(60), Signal.Dtmf('C', 45), Signal.Silence(60)));
        var whole = DetectorRun.Detect(samples);
        Assert.Equal(whole, DetectorRun.Detect(samples, chunk: chunk));
        Assert.Equal("5C", new string(whole.Select(d => d.Key).ToArray()));
    }

    [Fact]
    public void Process_KeysRightAfterSpeech_SameAsOneWindowAtATime()
    {
        // 20 ms packets: four windows at a time, the high group's filters only where a low tone may be, so the windows
        // just before a key (speech fading into the tone) are measured again for it. 40-sample chunks: one window at a
        // time, every filter. The same keys, at the same places, of the same measured lengths.
        var speech = TestAudio.Read("speech-cmn-1.wav").Samples;
        var parts = new List<double[]>();
        var at = 0;
        foreach (var key in "0123456789*#ABCD")
        {
            var length = 1600 + 97 * key % 400;
            parts.Add([.. speech.AsSpan(at, length).ToArray().Select(s => (double)s)]);
            parts.Add(Signal.Dtmf(key, 45 + key % 4 * 5, lowDbm0: -12 - key % 3 * 4));
            at += length + 3000;
        }

        var samples = Signal.ThroughMuLaw(Signal.Concat([.. parts, Signal.Silence(60)]));
        var packets = DetectorRun.Detect(samples, chunk: 160);
        Assert.Equal("0123456789*#ABCD", new string([.. packets.Select(d => d.Key)]));
        Assert.Equal(DetectorRun.Detect(samples, chunk: 40), packets);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Process_RandomChunksOverKeysSpeechAndNoise_SameAsOneWindowAtATime(int seed)
    {
        // Chunks of any size mix the four-window batches with pairs and single windows, and a burst's start with windows
        // before it from the batch before: the same detections as one window at a time, every filter.
        var random = new Random(seed);
        var speech = TestAudio.Read("speech-cmn-0.wav").Samples;
        var parts = new List<double[]>();
        for (var i = 0; i < 12; i++)
        {
            var at = random.Next(speech.Length - 4000);
            parts.Add([.. speech.AsSpan(at, random.Next(200, 4000)).ToArray().Select(s => s * random.NextDouble())]);
            parts.Add(Signal.Dtmf("0123456789*#ABCD"[random.Next(16)], random.Next(30, 80), lowDbm0: random.Next(-30, -3), twistDb: random.Next(-5, 9)));
        }

        var samples = Signal.ThroughMuLaw(Signal.WithNoise(Signal.Concat([.. parts, Signal.Silence(60)]), -45, seed));
        var found = new List<DtmfDetection>();
        var detector = new DtmfDetector(found.Add);
        for (var at = 0; at < samples.Length;)
        {
            var chunk = Math.Min(random.Next(1, 500), samples.Length - at);
            detector.Process(samples.AsSpan(at, chunk));
            at += chunk;
        }

        var alone = DetectorRun.Detect(samples, chunk: 40);
        Assert.True(alone.Count >= 6, $"only {alone.Count} keys");
        Assert.Equal(alone, found);
    }

    [Theory]
    [InlineData(160, 13)]
    [InlineData(160, 18)] // a hop later: the keys complete in the other window of each pair
    [InlineData(7, 13)]
    public void Process_HandlerAnalysesAnotherCallOnTheSameThread_SameResult(int chunk, int leadMs)
    {
        // Two windows are analysed together into this thread's frames; a key's handler that feeds another detector
        // (another call's audio, ending mid-tone) reuses them before the second window is followed.
        var samples = Signal.ThroughMuLaw(Signal.Concat(Signal.Silence(leadMs), Signal.Dtmf('5', 45), Signal.Dtmf('C', 45), Signal.Silence(60), Signal.Dtmf('9', 50), Signal.Silence(60)));
        var alone = DetectorRun.Detect(samples, chunk: chunk);
        var other = new DtmfDetector(_ => { });
        var otherAudio = Signal.ThroughMuLaw(Signal.Dtmf('1', 200));
        var heard = new List<DtmfDetection>();
        var detector = new DtmfDetector(d =>
        {
            heard.Add(d);
            other.Process(otherAudio);
        });
        for (var i = 0; i < samples.Length; i += chunk) detector.Process(samples.AsSpan(i, Math.Min(chunk, samples.Length - i)));
        Assert.Equal("5C9", new string(alone.Select(d => d.Key).ToArray()));
        Assert.Equal(alone, heard);
    }

    [Fact]
    public void Process_ThirdToneWithMostOfTheEnergy_Rejected()
    {
        var pair = Signal.Dtmf('6', 80, lowDbm0: -15);
        var third = Signal.TwoTones(500, -8, 2200, -8, 80);
        Assert.Equal("", DetectorRun.KeysOf(pair.Zip(third, (a, b) => a + b).ToArray()));
    }

    [Fact]
    public void Process_StrongSecondHarmonic_Rejected()
    {
        // Key 1 = 697 + 1209 Hz; a harmonic at 2 × 1209 Hz only 6 dB down looks like a voice, not a keypad.
        var pair = Signal.Dtmf('1', 80, lowDbm0: -10);
        var harmonic = Signal.TwoTones(2418, -16, 2418, -120, 80);
        Assert.Equal("", DetectorRun.KeysOf(pair.Zip(harmonic, (a, b) => a + b).ToArray()));
        Assert.Equal("1", DetectorRun.KeysOf(pair));
    }

    [Fact]
    public void Process_MandarinSpeech_NoFalseDetections()
    {
        var files = TestAudio.SpeechFiles();
        Assert.True(files.Length >= 5, "the espeak-ng speech files are missing from the test output");
        foreach (var file in files)
        {
            var speech = WavFile.Read(file).Samples;
            foreach (var gain in new[] { 1.0, 0.25, 0.05 })
            {
                var found = DetectorRun.Detect(Signal.ThroughMuLaw(speech.Select(s => s * gain).ToArray()));
                Assert.True(found.Count == 0, $"{Path.GetFileName(file)} at gain {gain}: talk-off {string.Join(", ", found)}");
            }
        }
    }

    [Fact]
    public void Process_KeyPressedOverQuietSpeech_StillDetected()
    {
        var speech = TestAudio.Read("speech-cmn-1.wav").Samples.Take(Signal.Samples(2000)).Select(s => s * 0.05).ToArray();
        var tone = Signal.Concat(Signal.Silence(900), Signal.Dtmf('8', 70, lowDbm0: -8), Signal.Silence(1030));
        Assert.Equal("8", DetectorRun.Keys(Signal.ThroughMuLaw(speech.Zip(tone, (a, b) => a + b).ToArray())));
    }

    [Theory]
    [InlineData('1')]
    [InlineData('D')]
    public void Process_LoudTonesAtMinus3Dbm0_Accepted(char key) =>
        Assert.Equal(key.ToString(), DetectorRun.KeysOf(Signal.Dtmf(key, 60, lowDbm0: -3)));

    [Fact]
    public void Process_SilenceOnly_NothingReported() =>
        Assert.Equal("", DetectorRun.Keys(new short[8000]));

    [Fact]
    public void Process_SingleToneOnly_Rejected()
    {
        Assert.Equal("", DetectorRun.KeysOf(Signal.TwoTones(770, -10, 1336, -120, 100)));
        Assert.Equal("", DetectorRun.KeysOf(Signal.TwoTones(770, -120, 1336, -10, 100)));
    }

    [Fact]
    public void Process_TwoTonesOfOneGroup_Rejected() =>
        Assert.Equal("", DetectorRun.KeysOf(Signal.TwoTones(1209, -10, 1477, -10, 100)));

    [Fact]
    public void New_BadOptions_ClearError()
    {
        var error = Assert.Throws<ArgumentException>(() => new DtmfDetector(_ => { }, new DtmfDetectorOptions { MinCoherence = 2 }));
        Assert.Contains("MinCoherence", error.Message);
        Assert.Null(DtmfDetectorOptions.Default.Validate());
    }

    [Fact]
    public void Process_ShortKeyRightAfterKeySharingATone_NotLengthenedByIt()
    {
        // '1' (697 + 1209 Hz) then, without a pause, 30 ms of '2' (697 + 1336 Hz): the shared 697 Hz
        // must not count towards the second key's duration.
        Assert.Equal("1", DetectorRun.KeysOf(Signal.Concat(Signal.Dtmf('1', 60), Signal.Dtmf('2', 30))));
        Assert.Equal("12", DetectorRun.KeysOf(Signal.Concat(Signal.Dtmf('1', 60), Signal.Dtmf('2', 45))));
    }

    [Fact]
    public void Process_TwoCallsInterleavedOnOneThread_EachHearsOnlyItsOwnKeys()
    {
        // One receiving thread serves many calls, 20 ms of each in turn: the analysis scratch is the thread's, the
        // history and the burst are each call's. '1' then a 30 ms '2' on one call (not a key: see the test above)
        // beside '5' and '9' on the other.
        var first = Signal.ThroughMuLaw(Signal.Concat(Signal.Dtmf('1', 60), Signal.Dtmf('2', 30), Signal.Silence(100)));
        var second = Signal.ThroughMuLaw(Signal.Concat(Signal.Silence(20), Signal.Dtmf('5', 60), Signal.Silence(40), Signal.Dtmf('9', 60)));
        var heardFirst = new List<char>();
        var heardSecond = new List<char>();
        var a = new DtmfDetector(d => heardFirst.Add(d.Key));
        var b = new DtmfDetector(d => heardSecond.Add(d.Key));
        for (var at = 0; at < Math.Max(first.Length, second.Length); at += 160)
        {
            if (at < first.Length) a.Process(first.AsSpan(at, Math.Min(160, first.Length - at)));
            if (at < second.Length) b.Process(second.AsSpan(at, Math.Min(160, second.Length - at)));
        }

        Assert.Equal("1", new string([.. heardFirst]));
        Assert.Equal("59", new string([.. heardSecond]));
    }

    [Fact]
    public void Process_KeyHandlerFeedsAnotherDetectorOnTheSameThread_BothStillRight()
    {
        // A key's handler that runs another call's audio through its detector at once (a bridge, a test harness) reuses
        // the thread's scratch frame: the first detector must be done with it before it reports.
        var other = Signal.ThroughMuLaw(Signal.Concat(Signal.Dtmf('7', 60), Signal.Silence(60)));
        var heardOther = new List<char>();
        var b = new DtmfDetector(d => heardOther.Add(d.Key));
        var heard = new List<char>();
        var a = new DtmfDetector(d =>
        {
            heard.Add(d.Key);
            b.Process(other);
        });

        a.Process(Signal.ThroughMuLaw(Signal.Concat(Signal.Dtmf('3', 80), Signal.Silence(40), Signal.Dtmf('3', 60), Signal.Silence(60))));

        Assert.Equal("33", new string([.. heard]));
        Assert.Equal("77", new string([.. heardOther])); // fed once per key heard on the first
    }
}
