using Ivr.Data;
using Ivr.Data.Security;
using Ivr.OperationsConsole.BrowserTests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Ivr.OperationsConsole.BrowserTests;

/// <summary>可疑来电告警: one caller number has locked two IDs — supervisors see the banner above every page and the
/// list on 挂失与锁定, all masked (agents are refused the API: Ivr.Console.Tests).</summary>
[Collection(ConsoleCollection.Name)]
public sealed class PinAlertTests(ServerFixture fixture)
{
    private const string Caller = "13755501234";
    private static readonly string[] Ids = ["320102198807070011", "320102199001010022"];

    [Fact]
    public async Task Supervisor_SeesTheBannerAndTheList_Masked()
    {
        var database = IvrDatabase.Open(fixture.Server.DatabasePath);
        await using (var connection = await database.OpenConnectionAsync(CancellationToken.None))
            foreach (var id in Ids)
                await new PinLockOriginStore(connection).AddAsync(
                    PinLockOrigin.Of(DateTimeOffset.UtcNow, $"browser-pin-{Guid.NewGuid():N}", Caller, null, id), CancellationToken.None);
        await fixture.Server.AddUserAsync("lead.pin", "supervisor", "supervisor-pass-2");

        await using var browser = await ConsoleBrowser.LaunchAsync(fixture.Server.BaseUri);
        var page = browser.Page;
        await browser.SignInAsync("lead.pin", "supervisor-pass-2");
        var banner = page.Locator("#pin-alert-banner");
        await Expect(banner).ToContainTextAsync("来电号码 137*****234 锁定了 2 个身份证号");

        await banner.GetByRole(AriaRole.Link, new() { Name = "查看详情" }).ClickAsync();
        var list = page.Locator("section").Filter(new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = "可疑来电告警" }) });
        var row = list.Locator("tbody tr").Filter(new() { HasText = "137*****234" });
        await Expect(row).ToContainTextAsync("320102********0022");
        await Expect(row).ToContainTextAsync("320102********0011");
        await browser.ScreenshotAsync("pin-alerts-supervisor");
        var html = await page.ContentAsync();
        Assert.DoesNotContain(Caller, html);
        Assert.DoesNotContain("[object Object]", html);
        foreach (var id in Ids) Assert.DoesNotContain(id, html);
        Assert.Empty(browser.ScriptErrors);
    }
}
