using System.Net;
using Ivr.OperationsConsole.Tests.Support;

namespace Ivr.OperationsConsole.Tests;

/// <summary>A switch its flow does not mark instant is refused with a message that says it needs a reviewed change.</summary>
public sealed class SwitchNeedingReviewTests : IAsyncLifetime
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "ivr-console-switches", Guid.NewGuid().ToString("N"));
    private ConsoleTestServer _server = null!;

    public async Task InitializeAsync()
    {
        RepositoryPaths.CopyFlowSet(_root);
        var main = Path.Combine(_root, "flows", "main.yaml");
        var text = await File.ReadAllTextAsync(main);
        Assert.Contains("announcement_on: { instant: true", text);
        await File.WriteAllTextAsync(main, text.Replace("announcement_on: { instant: true", "announcement_on: { instant: false"));
        _server = await ConsoleTestServer.StartAsync(Path.Combine(_root, "flows"), withEditor: true);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public async Task NotInstant_Refused409_NothingStored_RefusalAudited()
    {
        using var editor = await _server.SignedInAsync("editor");
        var response = await editor.PostAsync("/api/switches/announcement_on", new { on = true });
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("reviewed draft", (await ApiClient.Json(response)).GetProperty("message").GetString());
        Assert.Empty(_server.Editor!.Services.Switches.Current);
        Assert.Contains(await _server.AccessLogAsync(), e => e.Action == "switch_change" && e.Outcome == "needs_review");
    }
}
