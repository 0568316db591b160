using Ivr.Host.Prompts;
using Ivr.Media.Wav;

namespace Ivr.Host.Tests.Prompts;

/// <summary>Runs the real espeak-ng (installed on the build machines; the test says so when it is not).</summary>
public sealed class EspeakSynthesizerTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("ivr-espeak-");

    public void Dispose() => _folder.Delete(recursive: true);

    private string File(string name) => Path.Combine(_folder.FullName, name);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task SynthesizeAsync_ChineseText_WritesEightKilohertzMonoSpeech(bool useSox)
    {
        Assert.True(EspeakSynthesizer.IsInstalled, "espeak-ng is not installed; apt-get install espeak-ng");
        var wav = File("hello.wav");

        var error = await new EspeakSynthesizer(useSoxIfPresent: useSox).SynthesizeAsync("cmn-latn-pinyin", "您好，再见。", wav, CancellationToken.None);

        Assert.Null(error);
        var audio = WavFile.Read(wav);
        Assert.Equal((8000, 1, 16), (audio.SampleRate, audio.Channels, audio.BitsPerSample));
        Assert.InRange(audio.Duration.TotalSeconds, 0.5, 5);
        Assert.Contains(audio.Samples, s => Math.Abs((int)s) > 1000);
    }

    [Fact]
    public async Task SynthesizeAsync_UnknownVoice_ReturnsErrorNotException()
    {
        Assert.True(EspeakSynthesizer.IsInstalled, "espeak-ng is not installed; apt-get install espeak-ng");

        var error = await new EspeakSynthesizer().SynthesizeAsync("no-such-voice", "您好", File("x.wav"), CancellationToken.None);

        Assert.NotNull(error);
        Assert.Contains("no-such-voice", error);
        Assert.False(System.IO.File.Exists(File("x.wav")));
    }
}
