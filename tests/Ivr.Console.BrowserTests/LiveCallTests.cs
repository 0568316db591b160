using Ivr.OperationsConsole.BrowserTests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Ivr.OperationsConsole.BrowserTests;

[Collection(ConsoleCollection.Name)]
public sealed class LiveCallTests(ServerFixture fixture)
{
    private const string CallerNumber = "13012345273";

    [Fact]
    public async Task CallPlacedOverSip_ShowsWithMaskedCallerAndTickingDuration_ThenLeaves()
    {
        await using var browser = await ConsoleBrowser.LaunchAsync(fixture.Server.BaseUri);
        var page = browser.Page;
        await browser.SignInAsync(ConsoleServer.AdminUser, ConsoleServer.AdminPassword);
        await page.GotoAsync("/live");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "实时通话" })).ToBeVisibleAsync();
        var node = page.Locator("section.nodes tr.node-live");
        await Expect(node).ToHaveCountAsync(1, new() { Timeout = 15_000 }); // this server's own heartbeat row
        await Expect(node).ToContainTextAsync("运行中");

        await using var caller = await SipCaller.CallAsync(fixture.Server.SipPort, CallerNumber);

        // The page updates by itself: no reload, no click.
        var row = page.Locator("tr.live-call").Filter(new() { HasText = "130*****273" });
        await Expect(row).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Expect(row).ToContainTextAsync("12333");
        await Expect(row.Locator("code").First).ToContainTextAsync("main.");
        var firstDuration = await row.Locator(".duration").InnerTextAsync();
        await Expect(row.Locator(".duration")).Not.ToHaveTextAsync(firstDuration, new() { Timeout = 10_000 });
        Assert.DoesNotContain(CallerNumber, await page.ContentAsync());
        await browser.ScreenshotAsync("live");

        await caller.HangUpAsync();
        await Expect(row).ToHaveCountAsync(0, new() { Timeout = 30_000 });
        Assert.True(caller.RtpPacketsReceived > 0, "the server sent no audio to the caller");
        Assert.Empty(browser.ScriptErrors);
    }
}
