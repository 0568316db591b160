using System.Net;
using Ivr.Flows.Loading;
using Ivr.Host.Commands;
using Ivr.OperationsConsole.Flows;
using Ivr.OperationsConsole.Tests.Support;

namespace Ivr.OperationsConsole.Tests;

public sealed class FlowHistoryTests : IAsyncLifetime
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "ivr-console-flows", Guid.NewGuid().ToString("N"));
    private string FlowsFolder => Path.Combine(_root, "flows");
    private ConsoleTestServer _server = null!;

    public async Task InitializeAsync()
    {
        RepositoryPaths.CopyFlowSet(_root);
        _server = await ConsoleTestServer.StartAsync(FlowsFolder);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public async Task TwoServedVersions_AreInTheHistory_AndTheirDiffShowsTheEdit()
    {
        var history = new FlowHistory(_server.Database, () => FlowsFolder, _server.Time, _ => { });
        var first = Load();
        await history.RecordAsync(first, CancellationToken.None);
        var main = Path.Combine(FlowsFolder, "main.yaml");
        var text = await File.ReadAllTextAsync(main);
        Assert.Contains("announcement_on: \"false\"", text);
        await File.WriteAllTextAsync(main, text.Replace("announcement_on: \"false\"", "announcement_on: \"true\""));
        _server.Time.Advance(TimeSpan.FromMinutes(5));
        var second = Load();
        await history.RecordAsync(second, CancellationToken.None);
        await history.RecordAsync(second, CancellationToken.None); // a reload of the same content adds nothing
        using var editor = await _server.SignedInAsync("editor");

        var versions = (await editor.GetJsonAsync("api/flows/versions")).EnumerateArray().Select(v => v.GetProperty("version").GetString()).ToList();
        var diff = await (await editor.GetAsync($"api/flows/diff?from={first.Version}&to={second.Version}&path=main.yaml")).Content.ReadAsStringAsync();
        var all = await (await editor.GetAsync($"api/flows/diff?from={first.Version}&to={second.Version}")).Content.ReadAsStringAsync();
        var same = await (await editor.GetAsync($"api/flows/diff?from={first.Version}&to={first.Version}")).Content.ReadAsStringAsync();
        var old = await (await editor.GetAsync($"api/flows/versions/{first.Version}/files/main.yaml")).Content.ReadAsStringAsync();

        Assert.Equal([second.Version, first.Version], versions);
        Assert.StartsWith($"--- {first.Version}/main.yaml\n+++ {second.Version}/main.yaml\n@@ -", diff);
        Assert.Contains("\n-  announcement_on: \"false\"", diff.Replace("-    announcement_on", "-  announcement_on"));
        Assert.Contains("announcement_on: \"true\"", diff);
        Assert.Equal(diff, all);
        Assert.Equal("", same);
        Assert.Equal(text, old);
        Assert.Equal(HttpStatusCode.NotFound, (await editor.GetAsync($"api/flows/diff?from={first.Version}&to=nope")).StatusCode);
    }

    [Fact]
    public async Task Validation_ReportsTheFilesOnDisk_EvenWhenTheServingSetIsFine()
    {
        await File.AppendAllTextAsync(Path.Combine(FlowsFolder, "main.yaml"), "\n  broken: { kind: play, prompts: no_such_prompt, next: nowhere }\n");
        using var editor = await _server.SignedInAsync("editor");

        var validation = await editor.GetJsonAsync("api/flows/validation");

        Assert.False(validation.GetProperty("valid").GetBoolean());
        Assert.True(validation.GetProperty("errors").GetInt32() > 0);
        Assert.Contains(validation.GetProperty("diagnostics").EnumerateArray(), d => d.GetProperty("path").GetString()!.EndsWith("main.yaml") && d.GetProperty("severity").GetString() == "error");
        Assert.Equal(HttpStatusCode.OK, (await editor.GetAsync("api/flows")).StatusCode);
    }

    [Fact]
    public async Task Diagram_IsMermaidOrSvg()
    {
        using var editor = await _server.SignedInAsync("editor");
        var mermaid = await (await editor.GetAsync("api/flows/main/diagram?format=mermaid")).Content.ReadAsStringAsync();
        Assert.Contains("main_menu", mermaid);
        var svg = await editor.GetAsync("api/flows/main/diagram");
        Assert.True(svg.StatusCode is HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable);
        if (svg.StatusCode == HttpStatusCode.OK) Assert.Contains("<svg", await svg.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await editor.GetAsync("api/flows/nope/diagram")).StatusCode);
    }

    private Ivr.Flows.Model.FlowSet Load()
    {
        var loaded = FlowSetLoader.Load(FlowsFolder, RepositoryPaths.Prompts, KnownOperations.All);
        Assert.True(loaded.Succeeded, string.Join('\n', loaded.Errors));
        return loaded.Set!;
    }
}
