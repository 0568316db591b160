using Ivr.Media.Codecs;
using Ivr.Media.Recording;
using Ivr.Media.Tests.Support;
using Ivr.Media.Wav;

namespace Ivr.Media.Tests.Recording;

public class RecorderTests
{
    private static short[] Sound(double ms, double dbm0 = -20) => Signal.ToPcm(Signal.WithNoise(Signal.Silence(ms), dbm0));

    private static short[] Quiet(double ms) => Sound(ms, -60);

    private static bool Feed(Recorder recorder, short[] samples, int chunk = 160)
    {
        var more = true;
        for (var i = 0; i < samples.Length; i += chunk) more = recorder.Append(samples.AsSpan(i, Math.Min(chunk, samples.Length - i)));
        return more;
    }

    [Fact]
    public void Append_PastMaxLength_EndsExactlyAtMax()
    {
        var recorder = new Recorder(new RecorderOptions { MaxLength = TimeSpan.FromSeconds(2) });
        Assert.False(Feed(recorder, Sound(3000)));
        Assert.Equal(new RecordingResult(TimeSpan.FromSeconds(2), RecordingEndReason.MaxLength, null, true), recorder.Result);
        Assert.Equal(16000, recorder.Samples.Length);
        Assert.False(recorder.Append(new short[10]));
    }

    [Theory]
    [InlineData(160)]
    [InlineData(7)]
    [InlineData(1000)]
    public void Append_SilenceAfterSpeech_EndsAndTrimsToSpeechPlusKeptSilence(int chunk)
    {
        var recorder = new Recorder(new RecorderOptions { SilenceTimeout = TimeSpan.FromSeconds(3) });
        Assert.False(Feed(recorder, [.. Sound(1000), .. Quiet(5000)], chunk));
        var result = recorder.Result;
        Assert.Equal(RecordingEndReason.Silence, result.Reason);
        Assert.True(result.HeardSound);
        Assert.Equal(TimeSpan.FromMilliseconds(1200), result.Length);
    }

    [Fact]
    public void Append_SilenceFromTheStart_EndsWithNothingHeard()
    {
        var recorder = new Recorder(new RecorderOptions { SilenceTimeout = TimeSpan.FromSeconds(2) });
        Assert.False(Feed(recorder, Quiet(2500)));
        Assert.Equal(RecordingEndReason.Silence, recorder.Result.Reason);
        Assert.False(recorder.Result.HeardSound);
        Assert.Equal(TimeSpan.FromMilliseconds(200), recorder.Result.Length);
    }

    [Fact]
    public void Append_ShortPausesInSpeech_KeepRecording()
    {
        var recorder = new Recorder(new RecorderOptions { SilenceTimeout = TimeSpan.FromSeconds(1) });
        Assert.True(Feed(recorder, [.. Sound(500), .. Quiet(900), .. Sound(500), .. Quiet(900), .. Sound(100)]));
        Assert.True(recorder.IsRecording);
        Assert.Equal(TimeSpan.FromMilliseconds(2900), recorder.Length);
    }

    [Fact]
    public void Append_Threshold_SeparatesSoundFromSilence()
    {
        var options = new RecorderOptions { SilenceThresholdDbm0 = -40, SilenceTimeout = TimeSpan.FromMilliseconds(500) };
        var loud = new Recorder(options);
        Assert.True(Feed(loud, Sound(1000, -35)));
        var quiet = new Recorder(options);
        Assert.False(Feed(quiet, Sound(1000, -45)));
    }

    [Fact]
    public void Append_SilenceTimeoutZero_NeverEndsOnSilence()
    {
        var recorder = new Recorder(new RecorderOptions { SilenceTimeout = TimeSpan.Zero, MaxLength = TimeSpan.FromSeconds(5) });
        Assert.True(Feed(recorder, new short[8000 * 4]));
    }

    [Fact]
    public void StopByKey_EndsWithKeyAndKeepsEverything()
    {
        var recorder = new Recorder();
        Feed(recorder, [.. Sound(700), .. Quiet(300)]);
        recorder.StopByKey('#');
        recorder.StopByKey('*');
        Assert.False(recorder.Append(new short[160]));
        Assert.Equal(new RecordingResult(TimeSpan.FromSeconds(1), RecordingEndReason.Key, '#', true), recorder.Result);
    }

    [Fact]
    public void Result_WhileRecording_Throws()
    {
        var recorder = new Recorder();
        var error = Assert.Throws<InvalidOperationException>(() => recorder.Result);
        Assert.Contains("still running", error.Message);
        recorder.Stop();
        Assert.Equal(RecordingEndReason.Stopped, recorder.Result.Reason);
    }

    [Fact]
    public void Save_WritesEightKilohertzPcmWav()
    {
        var recorder = new Recorder();
        var audio = Sound(500);
        Feed(recorder, audio);
        var path = Path.Combine(Path.GetTempPath(), $"ivr-rec-{Guid.NewGuid():N}.wav");
        try
        {
            var result = recorder.Save(path);
            Assert.Equal(RecordingEndReason.Stopped, result.Reason);
            Assert.Equal(TimeSpan.FromMilliseconds(500), result.Length);
            var saved = WavFile.Read(path);
            Assert.Equal((8000, 1, WavEncoding.Pcm), (saved.SampleRate, saved.Channels, saved.Encoding));
            Assert.Equal(audio, saved.Samples);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void AppendEncoded_DecodesG711()
    {
        var recorder = new Recorder();
        var audio = Sound(100);
        var codes = new byte[audio.Length];
        ALaw.Encode(audio, codes);
        Assert.True(recorder.AppendEncoded(G711Law.ALaw, codes));
        Assert.Equal(codes.Select(ALaw.Decode), recorder.Samples.ToArray());
    }

    [Fact]
    public void New_NonPositiveMaxLength_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new Recorder(new RecorderOptions { MaxLength = TimeSpan.Zero }));

    [Fact]
    public void OnEnded_CalledOnceWhateverEndsIt()
    {
        var ended = new List<RecordingResult>();
        var recorder = new Recorder(new RecorderOptions { MaxLength = TimeSpan.FromSeconds(1) }, ended.Add);
        Feed(recorder, Sound(500));
        Assert.Empty(ended);
        Feed(recorder, Sound(800));
        recorder.StopByKey('#');
        recorder.Stop();
        Assert.Equal([new RecordingResult(TimeSpan.FromSeconds(1), RecordingEndReason.MaxLength, null, true)], ended);
    }
}
