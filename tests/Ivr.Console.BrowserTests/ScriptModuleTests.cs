using System.Text.Json;
using Ivr.OperationsConsole.BrowserTests.Support;

namespace Ivr.OperationsConsole.BrowserTests;

/// <summary>The pages' own modules (diff parsing, chart scale, China-time input), run in Chromium as the pages run them.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class ScriptModuleTests(ServerFixture fixture)
{
    private async Task<JsonElement> EvaluateAsync(string script)
    {
        await using var browser = await ConsoleBrowser.LaunchAsync(fixture.Server.BaseUri);
        await browser.Page.GotoAsync("/css/console.css");
        var json = await browser.Page.EvaluateAsync<string>($"async () => JSON.stringify(await (async () => {{ {script} }})())");
        return JsonDocument.Parse(json).RootElement;
    }

    [Fact]
    public async Task ParseUnifiedDiff_TwoFiles_LinesNumberedAndKinded()
    {
        var result = await EvaluateAsync("""
            const { parseUnifiedDiff, diffSummary } = await import('/js/diff.js');
            const files = parseUnifiedDiff('--- v1/main.yaml\n+++ v2/main.yaml\n@@ -3,3 +3,3 @@\n a\n--- x\n+b\n c\n--- v1/x.yaml\n+++ v2/x.yaml\n@@ -1 +0,0 @@\n-gone\n');
            return { files, summary: diffSummary(files) };
            """);

        var files = result.GetProperty("files");
        Assert.Equal(2, files.GetArrayLength());
        var lines = files[0].GetProperty("hunks")[0].GetProperty("lines");
        Assert.Equal(["same", "removed", "added", "same"], lines.EnumerateArray().Select(l => l.GetProperty("kind").GetString()));
        Assert.Equal("-- x", lines[1].GetProperty("text").GetString()); // a removed "-- x" is a line, not the next file's header
        Assert.Equal(4, lines[1].GetProperty("oldLine").GetInt32());
        Assert.Equal(4, lines[2].GetProperty("newLine").GetInt32());
        Assert.Equal(5, lines[3].GetProperty("newLine").GetInt32());
        Assert.Equal("v2/x.yaml", files[1].GetProperty("newPath").GetString());
        Assert.Equal(2, result.GetProperty("summary").GetProperty("removed").GetInt32());
        Assert.Equal(1, result.GetProperty("summary").GetProperty("added").GetInt32());
    }

    [Fact]
    public async Task ParseUnifiedDiff_EmptyOrGarbage_NoFiles()
    {
        var result = await EvaluateAsync("""
            const { parseUnifiedDiff } = await import('/js/diff.js');
            return [parseUnifiedDiff('').length, parseUnifiedDiff('not a diff\n@@ nonsense').length];
            """);

        Assert.Equal("[0,0]", result.GetRawText());
    }

    [Fact]
    public async Task NiceMax_RoundsUpToOneTwoFive()
    {
        var result = await EvaluateAsync("""
            const { niceMax } = await import('/js/charts.js');
            return [0, 1, 3, 7, 11, 180, 999, 1001].map(niceMax);
            """);

        Assert.Equal("[1,1,5,10,20,200,1000,2000]", result.GetRawText());
    }

    [Fact]
    public async Task ChinaLocalTime_IsReadAsUtcPlus8()
    {
        var result = await EvaluateAsync("""
            const { chinaLocalToIso } = await import('/js/pages/calls.js');
            return [chinaLocalToIso('2026-11-23T08:30'), chinaLocalToIso('')];
            """);

        Assert.Equal("[\"2026-11-23T00:30:00.000Z\",\"\"]", result.GetRawText());
    }
}
