using System.Text.Json;
using Ivr.OperationsConsole.BrowserTests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Ivr.OperationsConsole.BrowserTests;

/// <summary>
/// 回滚到此版本 on the 流程 page (issue 15, item 5), on a server of its own (a rollback publishes into its copies of flows and
/// prompts): an editor sees no rollback button; a supervisor rolls back to the first version after a saved edit, must give a
/// reason, and is told which version serves now; the edit is gone from disk and the first version is current again.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class FlowRollbackTests : IAsyncLifetime
{
    private const string Password = "rollback-pass-1";
    private ConsoleServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await ConsoleServer.StartAsync(ownPrompts: true);
        await _server.AddUserAsync("editor", "editor", Password);
        await _server.AddUserAsync("supervisor", "supervisor", Password);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Supervisor_RollsBackWithAReason_EditorHasNoButton()
    {
        await using var reviewer = await ConsoleBrowser.LaunchAsync(_server.BaseUri);
        var page = reviewer.Page;
        await reviewer.SignInAsync("supervisor", Password);
        var first = (await VersionsAsync(page)).Single().Version;
        var comment = $"# 回滚测试 {Guid.NewGuid():N}";
        var main = Path.Combine(_server.FlowsFolder, "main.yaml");
        await File.WriteAllTextAsync(main, $"{comment}\n{await File.ReadAllTextAsync(main)}");
        for (var attempt = 0; attempt < 120 && (await VersionsAsync(page)).Count < 2; attempt++) await Task.Delay(500);
        Assert.Equal(2, (await VersionsAsync(page)).Count);

        await using (var editor = await ConsoleBrowser.LaunchAsync(_server.BaseUri))
        {
            await editor.SignInAsync("editor", Password);
            await editor.Page.GotoAsync("/flows");
            await Expect(editor.Page.GetByText("历史版本")).ToBeVisibleAsync();
            await Expect(editor.Page.GetByRole(AriaRole.Button, new() { Name = "回滚到此版本" })).ToHaveCountAsync(0);
        }

        await page.GotoAsync("/flows");
        var firstRow = page.Locator("tr").Filter(new() { HasText = first[..12] });
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "回滚到此版本" })).ToHaveCountAsync(1); // not on the serving one
        await firstRow.GetByRole(AriaRole.Button, new() { Name = "回滚到此版本" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "回滚", Exact = true }).ClickAsync();
        await Expect(dialog).ToBeVisibleAsync(); // no reason, no rollback
        Assert.Contains(comment, await File.ReadAllTextAsync(main));
        await dialog.GetByLabel("回滚原因（必填，记入访问日志）").FillAsync("新版主菜单有误，先恢复");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "回滚", Exact = true }).ClickAsync();

        await Expect(page.Locator(".notice.ok")).ToContainTextAsync($"已回滚到版本 {first[..12]}", new() { Timeout = 60_000 });
        await Expect(firstRow.Locator(".chip.current")).ToBeVisibleAsync();
        await reviewer.ScreenshotAsync("flows-rollback");
        Assert.DoesNotContain(comment, await File.ReadAllTextAsync(main));
        Assert.Equal(first, (await VersionsAsync(page)).Single(v => v.Current).Version);
        Assert.Empty(reviewer.ScriptErrors);
    }

    private static async Task<List<(string Version, bool Current)>> VersionsAsync(IPage page)
    {
        var response = await page.APIRequest.GetAsync("/api/flows/versions");
        Assert.Equal(200, response.Status);
        return JsonDocument.Parse(await response.TextAsync()).RootElement.EnumerateArray()
            .Select(v => (v.GetProperty("version").GetString()!, v.GetProperty("current").GetBoolean())).ToList();
    }
}
