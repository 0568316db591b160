using Ivr.OperationsConsole.BrowserTests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Ivr.OperationsConsole.BrowserTests;

[Collection(ConsoleCollection.Name)]
public sealed class ReplayScriptTests(ServerFixture fixture)
{
    private const string CallerNumber = "13787654321";

    [Fact]
    public async Task CallOverSip_FoundInCalls_ScriptDownloaded_ReplaysGreen()
    {
        await using (var caller = await SipCaller.CallAsync(fixture.Server.SipPort, CallerNumber))
        {
            await Task.Delay(TimeSpan.FromSeconds(3)); // inside the welcome prompt
            await caller.HangUpAsync();
        }

        await using var browser = await ConsoleBrowser.LaunchAsync(fixture.Server.BaseUri);
        var page = browser.Page;
        await browser.SignInAsync(ConsoleServer.AdminUser, ConsoleServer.AdminPassword);
        await page.GetByRole(AriaRole.Link, new() { Name = "通话记录", Exact = true }).ClickAsync();
        await page.GetByLabel("来电号码").FillAsync(CallerNumber[^4..]);
        await page.GetByRole(AriaRole.Button, new() { Name = "查询" }).ClickAsync();

        // The recorder writes the call's end in batches: search again until it is there.
        var found = page.Locator("tbody tr").Filter(new() { HasText = "137*****321" });
        for (var attempt = 0; attempt < 20 && !await found.Filter(new() { HasText = "来电者挂机" }).IsVisibleAsync(); attempt++)
        {
            await Task.Delay(500);
            await page.GetByRole(AriaRole.Button, new() { Name = "查询" }).ClickAsync();
        }

        await browser.ScreenshotAsync("calls");
        await found.First.GetByRole(AriaRole.Link).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "通话详情" })).ToBeVisibleAsync();
        await Expect(page.Locator(".timeline li").First).ToContainTextAsync("来电接入");
        await browser.ScreenshotAsync("call-detail");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "下载回放脚本" }).ClickAsync());
        var script = Path.Combine(fixture.Server.Work.FullName, download.SuggestedFilename);
        await download.SaveAsAsync(script);
        var text = await File.ReadAllTextAsync(script);
        Assert.Contains("expect_hangup", text);
        Assert.DoesNotContain(CallerNumber, text);

        var (code, output) = await fixture.Server.RunIvrAsync(["replay", "--flows", fixture.Server.FlowsFolder, script]);
        Assert.True(code == 0, $"ivr replay exited {code}:\n{output}\n--- script ---\n{text}");
        Assert.Contains("1 passed, 0 failed", output);
        Assert.Empty(browser.ScriptErrors);
    }
}
