using Ivr.Flows.Prompts;
using Ivr.Flows.Validation;

namespace Ivr.Flows.Tests.Prompts;

public sealed class PromptAudioBuilderTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly FakeSynthesizer _synthesizer = new();

    public void Dispose() => _folder.Dispose();

    private string WriteCatalog(string voice = "cmn-latn-pinyin", string welcome = "您好。") =>
        _folder.Write("catalog.yaml", $"language: zh-CN\nvoice: {voice}\nprompts:\n  welcome: {welcome}\n  goodbye: 再见。\n  beep: \"[提示音]\"\n");

    private Task<PromptBuildReport> BuildAsync(string catalog) =>
        new PromptAudioBuilder(_synthesizer).BuildAsync(catalog, CancellationToken.None);

    [Fact]
    public async Task BuildAsync_FirstRun_SynthesizesEverySpokenPromptAndWritesManifest()
    {
        var report = await BuildAsync(WriteCatalog());

        Assert.Equal(["welcome", "goodbye"], report.Generated);
        Assert.True(File.Exists(_folder.File("welcome.wav")));
        var manifest = File.ReadAllLines(_folder.File("audio.manifest")).Where(l => !l.StartsWith('#')).ToList();
        Assert.Equal([$"goodbye {PromptAudioManifest.Hash("cmn-latn-pinyin", "再见。")}", $"welcome {PromptAudioManifest.Hash("cmn-latn-pinyin", "您好。")}"], manifest);
        var tone = Assert.Single(report.Diagnostics);
        Assert.Equal(Severity.Warning, tone.Severity);
        Assert.Contains("synth 0.3 sine 1000", tone.Message);
    }

    [Fact]
    public async Task BuildAsync_NothingChanged_SynthesizesNothing()
    {
        var catalog = WriteCatalog();
        await BuildAsync(catalog);
        _synthesizer.Calls.Clear();

        var report = await BuildAsync(catalog);

        Assert.Empty(_synthesizer.Calls);
        Assert.Equal(["welcome", "goodbye"], report.Unchanged);
    }

    [Fact]
    public async Task BuildAsync_OneTextChanged_RegeneratesOnlyThatPrompt()
    {
        await BuildAsync(WriteCatalog());
        _synthesizer.Calls.Clear();

        var report = await BuildAsync(WriteCatalog(welcome: "您好，欢迎致电。"));

        Assert.Equal(["welcome"], _synthesizer.SpokenIds);
        Assert.Equal(["welcome"], report.Generated);
        Assert.Contains(PromptAudioManifest.Hash("cmn-latn-pinyin", "您好，欢迎致电。"), File.ReadAllText(_folder.File("audio.manifest")));
    }

    [Fact]
    public async Task BuildAsync_VoiceChanged_RegeneratesAll()
    {
        await BuildAsync(WriteCatalog());
        _synthesizer.Calls.Clear();

        await BuildAsync(WriteCatalog(voice: "zh"));

        Assert.Equal(["welcome", "goodbye"], _synthesizer.SpokenIds);
        Assert.All(_synthesizer.Calls, c => Assert.Equal("zh", c.Voice));
    }

    [Fact]
    public async Task BuildAsync_HumanRecording_IsNeverOverwritten()
    {
        var catalog = WriteCatalog();
        File.WriteAllBytes(_folder.File("welcome.wav"), [1, 2, 3]);
        File.WriteAllText(_folder.File("audio.manifest"), "welcome human\nbeep human\n");
        File.WriteAllBytes(_folder.File("beep.wav"), [4]);

        var report = await BuildAsync(WriteCatalog(welcome: "您好，新的文字。"));

        Assert.Equal(["goodbye"], _synthesizer.SpokenIds);
        Assert.Equal(["welcome", "beep"], report.KeptHuman);
        Assert.Equal([1, 2, 3], File.ReadAllBytes(_folder.File("welcome.wav")));
        Assert.Contains("welcome human", File.ReadAllText(_folder.File("audio.manifest")));
        Assert.Empty(report.Diagnostics);
    }

    [Fact]
    public async Task BuildAsync_AudioFileDeleted_RegeneratesIt()
    {
        var catalog = WriteCatalog();
        await BuildAsync(catalog);
        File.Delete(_folder.File("goodbye.wav"));
        _synthesizer.Calls.Clear();

        await BuildAsync(catalog);

        Assert.Equal(["goodbye"], _synthesizer.SpokenIds);
    }

    [Fact]
    public async Task BuildAsync_SynthesisFails_ReportsErrorAndLeavesManifestForRetry()
    {
        _synthesizer.FailFor = "再见。";

        var report = await BuildAsync(WriteCatalog());

        Assert.Equal(["goodbye"], report.Failed);
        var error = Assert.Single(report.Diagnostics, d => d.Severity == Severity.Error);
        Assert.Contains("could not make audio for 'goodbye': synthesizer broke", error.Message);
        Assert.Equal(5, error.Line);
        Assert.DoesNotContain("goodbye", File.ReadAllText(_folder.File("audio.manifest")));
    }

    [Fact]
    public async Task BuildAsync_PromptRemovedFromCatalog_DropsItsManifestLine()
    {
        await BuildAsync(WriteCatalog());
        _folder.Write("catalog.yaml", "language: zh-CN\nvoice: cmn-latn-pinyin\nprompts:\n  welcome: 您好。\n");

        var report = await BuildAsync(_folder.File("catalog.yaml"));

        Assert.DoesNotContain("goodbye", File.ReadAllText(_folder.File("audio.manifest")));
        Assert.Contains(report.Diagnostics, d => d.Message.Contains("'goodbye' is no longer in the catalog"));
    }

    [Fact]
    public async Task BuildAsync_MalformedManifest_StopsBeforeTouchingAudio()
    {
        var catalog = WriteCatalog();
        File.WriteAllText(_folder.File("audio.manifest"), "welcome humna\n");

        var report = await BuildAsync(catalog);

        Assert.Empty(_synthesizer.Calls);
        var error = Assert.Single(report.Diagnostics);
        Assert.Equal(1, error.Line);
        Assert.Contains("'<id> human'", error.Message);
    }

    [Fact]
    public async Task BuildAsync_CatalogErrors_BuildsNothing()
    {
        var catalog = _folder.Write("catalog.yaml", "language: zh-CN\nvoice: cmn\nprompts:\n  a: 一\n  a: 二\n");

        var report = await BuildAsync(catalog);

        Assert.True(report.HasErrors);
        Assert.Empty(_synthesizer.Calls);
    }

    [Fact]
    public async Task BuildAsync_CommittedCatalog_AudioIsUpToDate()
    {
        var source = Path.GetDirectoryName(RepositoryFiles.CatalogPath)!;
        foreach (var file in Directory.EnumerateFiles(source)) File.Copy(file, _folder.File(Path.GetFileName(file)));

        var report = await BuildAsync(_folder.File("catalog.yaml"));

        Assert.True(_synthesizer.Calls.Count == 0,
            $"prompts changed without new audio: {string.Join(", ", _synthesizer.SpokenIds)}; run the prompt audio builder and commit the WAVs");
        Assert.Empty(report.Diagnostics);
        Assert.Equal(["beep"], report.KeptHuman);
    }
}
