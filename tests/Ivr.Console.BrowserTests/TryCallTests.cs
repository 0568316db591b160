using System.Text.RegularExpressions;
using Ivr.OperationsConsole.BrowserTests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Ivr.OperationsConsole.BrowserTests;

/// <summary>试拨 (issue 15): a call on the server played in the browser — the welcome prompt's audio plays in the page's audio element,
/// key 1 reaches the pension service, the diagram highlights the current node, the call is saved as a replay script.</summary>
[Collection(ConsoleCollection.Name)]
public sealed partial class TryCallTests(ServerFixture fixture)
{
    [Fact]
    public async Task TryCall_HearsWelcome_Key1ReachesPension_DiagramFollows_ScriptSaved()
    {
        await using var browser = await ConsoleBrowser.LaunchAsync(fixture.Server.BaseUri);
        var page = browser.Page;
        await browser.SignInAsync(ConsoleServer.AdminUser, ConsoleServer.AdminPassword);
        await page.GetByRole(AriaRole.Link, new() { Name = "试拨", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "开始试拨" }).ClickAsync();

        // The welcome prompt's audio plays in the page's <audio> element (the item turns "playing" on its playing event).
        var welcome = page.Locator(".try-heard li[data-prompt='welcome']");
        await Expect(welcome).ToHaveAttributeAsync("data-state", PlayingOrPlayed(), new() { Timeout = 20_000 });
        Assert.True(await page.EvaluateAsync<bool>("() => document.querySelector('#try-audio').currentTime > 0 || document.querySelector('.try-heard li[data-prompt=welcome]').dataset.state === 'ended'"),
            "the audio element did not play the welcome prompt");
        await Expect(page.Locator(".try-diagram g.node.current")).ToHaveCountAsync(1, new() { Timeout = 20_000 });

        await Expect(page.Locator("[data-current-node]")).ToHaveAttributeAsync("data-current-node", "main.main_menu", new() { Timeout = 30_000 });
        await page.Locator(".keypad button[data-key='1']").ClickAsync();
        await Expect(page.Locator(".try-path li[data-node='main.pension']")).ToHaveCountAsync(1, new() { Timeout = 15_000 });
        await Expect(page.Locator("[data-current-node]")).ToHaveAttributeAsync("data-current-node", IdentifyNode(), new() { Timeout = 15_000 });
        await Expect(page.Locator(".try-diagram p.hint")).ToContainTextAsync("流程 identify", new() { Timeout = 15_000 });
        await browser.ScreenshotAsync("try-call");

        await page.GetByRole(AriaRole.Button, new() { Name = "挂机" }).ClickAsync();
        await Expect(page.Locator(".try-current")).ToContainTextAsync("通话结束", new() { Timeout = 15_000 });
        await page.GetByRole(AriaRole.Button, new() { Name = "保存为回放脚本" }).ClickAsync();
        var script = page.Locator("pre.try-script");
        await Expect(script).ToContainTextAsync("expect: [welcome]");
        await Expect(script).ToContainTextAsync("press: \"1\"");
        await Expect(script).ToContainTextAsync("expect_hangup: abandoned");
        Assert.Empty(browser.ScriptErrors);
    }

    [GeneratedRegex("^(playing|ended)$")]
    private static partial Regex PlayingOrPlayed();

    [GeneratedRegex(@"^identify\.")]
    private static partial Regex IdentifyNode();
}
