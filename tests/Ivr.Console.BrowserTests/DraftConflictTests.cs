using Ivr.OperationsConsole.BrowserTests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Ivr.OperationsConsole.BrowserTests;

/// <summary>
/// Two editors save the same file of a draft (issue 15, "Bad input"): the second, in the browser, is told of the conflict and
/// sees the server's difference — the other editor's line removed, their own added, a few lines of context — and nothing of
/// theirs was written.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class DraftConflictTests(ServerFixture fixture)
{
    private const string Password = "conflict-pass-1";

    [Fact]
    public async Task SecondEditorSaving_SeesTheConflictWithTheServersDiff()
    {
        var server = fixture.Server;
        await server.AddUserAsync("conflict-editor", "editor", Password);
        await using var browser = await ConsoleBrowser.LaunchAsync(server.BaseUri);
        var page = browser.Page;
        await browser.SignInAsync(ConsoleServer.AdminUser, ConsoleServer.AdminPassword);
        var id = (await DraftApi.CallAsync(page, "POST", "/api/drafts", new { title = "冲突测试" })).GetProperty("id").GetInt64();
        await page.GotoAsync($"/drafts/{id}");
        await page.GetByLabel("文件", new() { Exact = true }).SelectOptionAsync("flows/routes.yaml");
        await Expect(page.Locator(".save-status")).ToHaveTextAsync("与当前版本相同");
        var routes = await File.ReadAllTextAsync(Path.Combine(server.FlowsFolder, "routes.yaml"));

        await using (var other = await ConsoleBrowser.LaunchAsync(server.BaseUri))
        {
            await other.SignInAsync("conflict-editor", Password);
            await DraftApi.CallAsync(other.Page, "PUT", $"/api/drafts/{id}/files/flows/routes.yaml", new { content = routes + "# 另一位编辑的修改\n", revision = 0 });
        }

        await page.EvaluateAsync("""
            async text => {
              const { EditorView } = await import('/vendor/codemirror.js');
              const view = EditorView.findFromDOM(document.querySelector('.code-editor').shadowRoot.querySelector('.cm-editor'));
              view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
            }
            """, routes + "# 我的修改\n");
        await page.Locator(".cm-content").ClickAsync();
        await page.Keyboard.PressAsync("Control+s");

        await Expect(page.Locator(".save-status")).ToHaveTextAsync("保存冲突：他人已保存此文件");
        var diff = page.Locator(".draft-diagnostics table.diff");
        await Expect(diff.Locator("tr.removed")).ToHaveCountAsync(1);
        await Expect(diff.Locator("tr.removed td.code")).ToHaveTextAsync("# 另一位编辑的修改");
        await Expect(diff.Locator("tr.added td.code")).ToHaveTextAsync("# 我的修改");
        await Expect(diff.Locator("tr.same")).Not.ToHaveCountAsync(0); // context lines: the server's diff, not the two whole files
        await browser.ScreenshotAsync("draft-save-conflict");
        var saved = await DraftApi.CallAsync(page, "GET", $"/api/drafts/{id}/files/flows/routes.yaml");
        Assert.EndsWith("# 另一位编辑的修改\n", saved.GetProperty("content").GetString());
        Assert.Equal(1, saved.GetProperty("revision").GetInt64());
        Assert.Empty(browser.ScriptErrors);
    }
}
