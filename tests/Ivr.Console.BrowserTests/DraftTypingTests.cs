using Ivr.OperationsConsole.BrowserTests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Ivr.OperationsConsole.BrowserTests;

/// <summary>
/// Checked as you type (issue 15, item 2): without Ctrl+S, a pause in typing saves the file and the whole draft is validated —
/// an error appears and goes again; opening a file saves nothing.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class DraftTypingTests(ServerFixture fixture)
{
    [Fact]
    public async Task APauseInTyping_SavesAndValidates_OpeningAFileSavesNothing()
    {
        var server = fixture.Server;
        await using var browser = await ConsoleBrowser.LaunchAsync(server.BaseUri);
        var page = browser.Page;
        await browser.SignInAsync(ConsoleServer.AdminUser, ConsoleServer.AdminPassword);
        var id = (await DraftApi.CallAsync(page, "POST", "/api/drafts", new { title = "边输入边校验" })).GetProperty("id").GetInt64();
        await page.GotoAsync($"/drafts/{id}");
        await Expect(page.GetByText("✔ 校验通过")).ToBeVisibleAsync();
        await page.WaitForTimeoutAsync(1500); // longer than the typing pause
        Assert.Empty((await DraftApi.CallAsync(page, "GET", $"/api/drafts/{id}")).GetProperty("draft").GetProperty("changed").EnumerateArray());

        var main = await File.ReadAllTextAsync(Path.Combine(server.FlowsFolder, "main.yaml"));
        await PasteAsync(page, main.Replace("      \"0\": agent\n", "      \"0\": agent\n      \"9\": agnet\n"));
        await Expect(page.Locator(".draft-diagnostics")).ToContainTextAsync("agnet");
        await Expect(page.GetByText("✘ 校验未通过")).ToBeVisibleAsync();
        await PasteAsync(page, main.Replace("      \"0\": agent\n", "      \"0\": agent\n      \"9\": agent\n"));
        await Expect(page.GetByText("✔ 校验通过")).ToBeVisibleAsync();
        await page.Locator(".cm-content").ClickAsync();
        await page.Keyboard.PressAsync("Control+End");
        await page.Keyboard.TypeAsync("# 键入的注释");
        await Expect(page.Locator(".save-status")).ToHaveTextAsync("已保存（修订 3）");

        var file = await DraftApi.CallAsync(page, "GET", $"/api/drafts/{id}/files/flows/main.yaml");
        Assert.EndsWith("# 键入的注释", file.GetProperty("content").GetString());
        Assert.Empty(browser.ScriptErrors);
    }

    /// <summary>Replaces the editor's whole text in one change, as a paste does; no Ctrl+S.</summary>
    private static Task PasteAsync(IPage page, string text) => page.EvaluateAsync("""
        async text => {
          const { EditorView } = await import('/vendor/codemirror.js');
          const view = EditorView.findFromDOM(document.querySelector('.code-editor').shadowRoot.querySelector('.cm-editor'));
          view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
        }
        """, text);
}
