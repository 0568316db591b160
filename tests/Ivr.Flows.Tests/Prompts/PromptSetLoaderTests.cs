using Ivr.Core.Speech;
using Ivr.Flows.Prompts;
using Ivr.Flows.Tests.Support;
using Ivr.Flows.Validation;
using Ivr.Media.Wav;

namespace Ivr.Flows.Tests.Prompts;

public sealed class PromptSetLoaderTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string WriteCatalog(params string[] lines)
    {
        var fragments = MandarinSayAs.FragmentPromptIds.Select(id => $"  {id}: 字");
        return _folder.Write("catalog.yaml", string.Join('\n', ["language: zh-CN", "voice: cmn", "prompts:", .. lines, .. fragments]) + "\n");
    }

    [Fact]
    public void Load_EightKilohertzMono_LoadsSamplesAndDuration()
    {
        var catalog = WriteCatalog("  welcome: 您好。");
        WavFile.Write(_folder.File("welcome.wav"), new short[4000]);

        var result = PromptSetLoader.Load(catalog);

        var welcome = result.Prompts["welcome"];
        Assert.Equal("您好。", welcome.Text);
        Assert.Equal(TimeSpan.FromMilliseconds(500), welcome.Duration);
        Assert.Equal(4000, welcome.Samples.Length);
        Assert.Equal(_folder.File("welcome.wav"), welcome.AudioFile);
        Assert.DoesNotContain(result.Diagnostics, d => d.Message.Contains("'welcome'"));
    }

    [Fact]
    public void Load_WrongSampleRate_ErrorNamesFileAndSoxFix()
    {
        var catalog = WriteCatalog("  welcome: 您好。");
        WavFile.Write(_folder.File("welcome.wav"), new short[1600], sampleRate: 16000);

        var result = PromptSetLoader.Load(catalog);

        Assert.True(result.HasErrors);
        var error = Assert.Single(result.Diagnostics, d => d.Severity == Severity.Error);
        Assert.Equal(_folder.File("welcome.wav"), error.Path);
        Assert.Contains("16000 Hz", error.Message);
        Assert.Contains("sox in.wav -r 8000 -c 1 -b 16 welcome.wav", error.Message);
        Assert.False(result.Prompts.ContainsKey("welcome"));
    }

    [Fact]
    public void Load_Stereo_IsAnError()
    {
        var catalog = WriteCatalog("  welcome: 您好。");
        var wav = MonoWav(new short[800]);
        wav[22] = 2; // channels
        File.WriteAllBytes(_folder.File("welcome.wav"), wav);

        var result = PromptSetLoader.Load(catalog);

        Assert.Contains(result.Diagnostics, d => d.Severity == Severity.Error && d.Message.Contains("2 channel(s)"));
    }

    [Fact]
    public void Load_NotAWav_IsAnError()
    {
        var catalog = WriteCatalog("  welcome: 您好。");
        File.WriteAllText(_folder.File("welcome.wav"), "this is text");

        var result = PromptSetLoader.Load(catalog);

        Assert.Contains(result.Diagnostics, d => d.Severity == Severity.Error && d.Message.Contains("not a playable WAV"));
    }

    [Fact]
    public void Load_MissingAudio_WarnsAndEstimatesFromText()
    {
        var catalog = WriteCatalog("  welcome: 您好，欢迎。");

        var result = PromptSetLoader.Load(catalog);

        var warning = Assert.Single(result.Diagnostics, d => d.Message.Contains("'welcome'"));
        Assert.Equal(Severity.Warning, warning.Severity);
        Assert.Equal(4, warning.Line);
        Assert.Equal(TimeSpan.FromSeconds(4 * 0.25 + 2 * 0.2), result.Prompts["welcome"].Duration);
        Assert.True(result.Prompts["welcome"].Samples.IsEmpty);
        Assert.False(result.HasErrors);
    }

    [Fact]
    public void Load_CatalogWithoutSayAsFragments_IsAnError()
    {
        var catalog = _folder.Write("catalog.yaml", "language: zh-CN\nvoice: cmn\nprompts:\n  welcome: 您好。\n");

        var result = PromptSetLoader.Load(catalog);

        Assert.Contains(result.Diagnostics, d => d.Severity == Severity.Error && d.Message.Contains("say-as fragment 'n1e8'"));
    }

    [Theory]
    [InlineData("您好", 0.5)]
    [InlineData("您好，再见。", 1.4)]
    [InlineData("", 0.25)]
    public void EstimateDuration_CountsCharactersAndPauses(string text, double seconds) =>
        Assert.Equal(seconds, PromptSetLoader.EstimateDuration(text).TotalSeconds, precision: 6);

    [Fact]
    public void Load_CommittedPrompts_AllHaveTelephoneAudio()
    {
        var result = PromptSetLoader.Load(RepositoryFiles.CatalogPath);

        Assert.Empty(result.Diagnostics);
        Assert.All(result.Prompts.Values, p =>
        {
            Assert.False(p.Samples.IsEmpty, p.Id);
            Assert.InRange(p.Duration.TotalSeconds, 0.1, 30);
        });
        Assert.InRange(result.Prompts["beep"].Duration.TotalSeconds, 0.29, 0.31);
    }

    /// <summary>NAudio in the flow layer reads each committed prompt as the media layer's reader does (the old path).</summary>
    [Fact]
    public void Load_CommittedPrompts_SamplesAsTheMediaReaderSeesThem()
    {
        var result = PromptSetLoader.Load(RepositoryFiles.CatalogPath);

        Assert.All(result.Prompts.Values, p => Assert.Equal(WavFile.Read(p.AudioFile!).Samples, p.Samples.ToArray()));
    }

    [Theory]
    [InlineData("clip-mulaw.wav")]
    [InlineData("clip-alaw.wav")]
    public void Load_G711Prompt_DecodesAsTheMediaCodecDoes(string clip)
    {
        var catalog = WriteCatalog("  welcome: 您好。");
        File.Copy(Path.Combine(RepoPaths.Root, "tests", "Ivr.Media.Tests", "Audio", clip), _folder.File("welcome.wav"));

        var result = PromptSetLoader.Load(catalog);

        var expected = WavFile.Read(_folder.File("welcome.wav"));
        Assert.Equal(expected.Samples, result.Prompts["welcome"].Samples.ToArray());
        Assert.Equal(expected.Duration, result.Prompts["welcome"].Duration);
    }

    /// <summary>Every µ-law and A-law code decodes to the sample the media codec (ITU-T G.191) gives it.</summary>
    [Theory]
    [InlineData(7)]
    [InlineData(6)]
    public void Load_EveryG711Code_DecodesAsTheMediaCodecDoes(int formatTag)
    {
        var catalog = WriteCatalog("  welcome: 您好。");
        using (var writer = new NAudio.Wave.WaveFileWriter(_folder.File("welcome.wav"), NAudio.Wave.WaveFormat.CreateCustomFormat(
            (NAudio.Wave.WaveFormatEncoding)formatTag, 8000, 1, 8000, 1, 8)))
        {
            writer.Write(Enumerable.Range(0, 256).Select(c => (byte)c).ToArray());
        }

        var samples = PromptSetLoader.Load(catalog).Prompts["welcome"].Samples.ToArray();

        var codes = Enumerable.Range(0, 256).Select(c => (byte)c);
        Assert.Equal(codes.Select(c => formatTag == 7 ? Ivr.Media.Codecs.MuLaw.Decode(c) : Ivr.Media.Codecs.ALaw.Decode(c)), samples);
    }

    /// <summary>A damaged prompt file is an error diagnostic, whatever its bytes, never an exception.</summary>
    [Fact]
    public void Load_DamagedWav_IsAnErrorNotAnException()
    {
        var catalog = WriteCatalog("  welcome: 您好。");
        var good = MonoWav([.. Enumerable.Range(0, 800).Select(i => (short)(i * 40))]);
        var random = new Random(12333);
        for (var trial = 0; trial < 160; trial++)
        {
            var bytes = trial < 60 ? good[..trial] : (byte[])good.Clone();
            if (trial >= 60) for (var flips = random.Next(1, 4); flips > 0; flips--) bytes[random.Next(4, 44)] = (byte)random.Next(256);
            File.WriteAllBytes(_folder.File("welcome.wav"), bytes);

            var result = PromptSetLoader.Load(catalog);

            Assert.True(result.Prompts.ContainsKey("welcome") || result.HasErrors, $"trial {trial}: neither audio nor an error");
        }
    }

    private static byte[] MonoWav(short[] samples)
    {
        using var stream = new MemoryStream();
        WavFile.Write(stream, samples);
        return stream.ToArray();
    }
}
