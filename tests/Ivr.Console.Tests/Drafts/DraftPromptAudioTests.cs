using System.Net;
using System.Text.RegularExpressions;
using Ivr.Flows.Prompts;
using Ivr.Media.Wav;
using Ivr.OperationsConsole.Tests.Support;
using static Ivr.OperationsConsole.Tests.Drafts.DraftFileTests;

namespace Ivr.OperationsConsole.Tests.Drafts;

/// <summary>
/// A prompt's text changed in a draft (issue 15, item 6): its espeak-ng audio is made again in the draft — a try-call of the
/// draft plays the new audio while the serving files stay untouched — and approving publishes that audio with the catalog,
/// never over a recording marked <c>human</c>.
/// </summary>
public sealed class DraftPromptAudioTests : IAsyncLifetime
{
    private const string Welcome = "您好，这是草稿里新的欢迎词。";
    private const string Goodbye = "谢谢，再见。";
    private WorkbenchSite _site = null!;

    public async Task InitializeAsync()
    {
        Assert.True(Host.Prompts.EspeakSynthesizer.IsInstalled, "espeak-ng is not installed (tools/test installs it)");
        _site = await WorkbenchSite.StartAsync(withEditor: true);
    }

    public async Task DisposeAsync() => await _site.DisposeAsync();

    [Fact]
    public async Task DraftTryCall_PlaysTheRegeneratedAudio_TheServingAudioIsUntouched()
    {
        using var editor = await _site.Server.SignedInAsync("editor");
        var servedWelcome = await File.ReadAllBytesAsync(Path.Combine(_site.Prompts, "welcome.wav"));
        var servedManifest = await File.ReadAllTextAsync(Path.Combine(_site.Prompts, PromptAudioManifest.FileName));
        var draft = await OpenAsync(editor);
        await SaveCatalogAsync(editor, draft, ("welcome", Welcome));

        var id = (await ApiClient.Json(await editor.PostAsync($"/api/drafts/{draft}/try-calls", new { }))).GetProperty("id").GetString()!;
        var heard = await (await editor.GetAsync($"/api/try-calls/{id}/prompts/welcome")).Content.ReadAsByteArrayAsync();
        var goodbye = await (await editor.GetAsync($"/api/try-calls/{id}/prompts/goodbye")).Content.ReadAsByteArrayAsync();
        await editor.PostAsync($"/api/try-calls/{id}/hangup", new { });

        Assert.Equal(8000, WavFile.Read(new MemoryStream(heard)).SampleRate);
        Assert.NotEqual(servedWelcome, heard); // the new text, spoken
        Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(_site.Prompts, "goodbye.wav")), goodbye); // unchanged text: the serving audio
        Assert.Equal(servedWelcome, await File.ReadAllBytesAsync(Path.Combine(_site.Prompts, "welcome.wav")));
        Assert.Equal(servedManifest, await File.ReadAllTextAsync(Path.Combine(_site.Prompts, PromptAudioManifest.FileName)));
    }

    [Fact]
    public async Task Approve_PublishesTheRegeneratedAudioWithTheText_AHumanRecordingIsKept()
    {
        using var editor = await _site.Server.SignedInAsync("editor");
        using var supervisor = await _site.Server.SignedInAsync("supervisor");
        var manifestPath = Path.Combine(_site.Prompts, PromptAudioManifest.FileName);
        await File.WriteAllTextAsync(manifestPath, Regex.Replace(await File.ReadAllTextAsync(manifestPath), "(?m)^goodbye [0-9a-f]{64}$", "goodbye human"));
        var welcomeBefore = await File.ReadAllBytesAsync(Path.Combine(_site.Prompts, "welcome.wav"));
        var goodbyeBefore = await File.ReadAllBytesAsync(Path.Combine(_site.Prompts, "goodbye.wav"));
        var draft = await OpenAsync(editor);
        await SaveCatalogAsync(editor, draft, ("welcome", Welcome), ("goodbye", Goodbye));
        Assert.Equal(HttpStatusCode.OK, (await editor.PostAsync($"api/drafts/{draft}/submit", new { reason = "欢迎词更新" })).StatusCode);

        var approved = await supervisor.PostAsync($"api/drafts/{draft}/approve", new { comment = "好" });

        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        var welcome = await File.ReadAllBytesAsync(Path.Combine(_site.Prompts, "welcome.wav"));
        Assert.NotEqual(welcomeBefore, welcome);
        Assert.Equal(8000, WavFile.Read(new MemoryStream(welcome)).SampleRate);
        var manifest = PromptAudioManifest.Load(manifestPath, []);
        Assert.Equal(PromptAudioManifest.Hash("cmn-latn-pinyin", Welcome), manifest.HashOf("welcome"));
        Assert.True(manifest.IsHuman("goodbye"));
        Assert.Equal(goodbyeBefore, await File.ReadAllBytesAsync(Path.Combine(_site.Prompts, "goodbye.wav")));
        var served = _site.Host.Current!.Prompts["welcome"];
        Assert.Equal(Welcome, served.Text);
        Assert.True(served.Samples.Span.SequenceEqual(WavFile.Read(new MemoryStream(welcome)).Samples)); // the new version serves the new audio
        Assert.Contains(await _site.Server.AccessLogAsync(), e => e is { Action: "draft_approve", Outcome: "published" }
            && e.Detail!.Contains("prompts/welcome.wav", StringComparison.Ordinal) && !e.Detail.Contains("goodbye", StringComparison.Ordinal));
        Assert.Empty(Directory.EnumerateFiles(_site.Prompts, "*.tmp"));
    }

    private async Task SaveCatalogAsync(ApiClient editor, long draft, params (string Id, string Text)[] texts)
    {
        var catalog = await File.ReadAllTextAsync(Path.Combine(_site.Prompts, "catalog.yaml"));
        foreach (var (id, text) in texts) catalog = Regex.Replace(catalog, $"(?m)^  {id}: .*$", $"  {id}: {text}");
        var saved = await SaveAsync(editor, draft, "prompts/catalog.yaml", catalog, 0);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
    }
}
