using Ivr.Data;
using Ivr.Data.Security;
using Ivr.OperationsConsole.BrowserTests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Ivr.OperationsConsole.BrowserTests;

/// <summary>可疑来电告警: one caller number has locked two IDs — supervisors see the banner above every page and the
/// list on 挂失与锁定, all masked, and acknowledge the alert there with a comment (agents are refused the API:
/// Ivr.Console.Tests).</summary>
[Collection(ConsoleCollection.Name)]
public sealed class PinAlertTests(ServerFixture fixture)
{
    private static readonly HashKey Key = HashKey.Generate();

    private const string Caller = "13755501234";
    private static readonly string[] Ids = ["320102198807070011", "320102199001010022"];

    [Fact]
    public async Task Supervisor_SeesTheBannerAndTheList_Masked()
    {
        var database = IvrDatabase.Open(fixture.Server.DatabasePath);
        var first = DateTimeOffset.UtcNow;
        await using (var connection = await database.OpenConnectionAsync(CancellationToken.None))
        {
            var callId = "";
            foreach (var id in Ids)
            {
                callId = $"browser-pin-{Guid.NewGuid():N}";
                await new PinLockOriginStore(connection).AddAsync(PinLockOrigin.Of(Key, DateTimeOffset.UtcNow, callId, Caller, null, id), CancellationToken.None);
            }

            var now = DateTimeOffset.UtcNow;
            await new PinAlarmStore(connection).RaiseAsync(new PinAlarm(0, PinAlarm.ByCaller, PinCallerKey.Of(Key, Caller), "137*****234", null, now, first, now, 2,
                callId, PinAlarm.Pending, 0, null, null, null, null), CancellationToken.None);
        }
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
        await Expect(row).ToContainTextAsync("未处理");
        await browser.ScreenshotAsync("pin-alerts-supervisor");

        await row.GetByRole(AriaRole.Textbox, new() { Name = "处理说明" }).FillAsync("已报运营商核查");
        await row.GetByRole(AriaRole.Button, new() { Name = "确认" }).ClickAsync();

        await Expect(page.GetByText("告警已确认。")).ToBeVisibleAsync();
        var acknowledged = list.Locator("tbody tr").Filter(new() { HasText = "137*****234" });
        await Expect(acknowledged).ToContainTextAsync("已确认 lead.pin");
        await Expect(acknowledged).ToContainTextAsync("已报运营商核查");
        await Expect(acknowledged.GetByRole(AriaRole.Button, new() { Name = "确认" })).ToHaveCountAsync(0);
        var html = await page.ContentAsync();
        Assert.DoesNotContain(Caller, html);
        Assert.DoesNotContain("[object Object]", html);
        foreach (var id in Ids) Assert.DoesNotContain(id, html);
        Assert.Empty(browser.ScriptErrors);
    }
}
