using Ivr.OperationsConsole.BrowserTests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Ivr.OperationsConsole.BrowserTests;

[Collection(ConsoleCollection.Name)]
public sealed class CardsTests(ServerFixture fixture)
{
    [Fact]
    public async Task Supervisor_SeesTheDemoLostCardAndPinLockout_MaskedOnly()
    {
        const string password = "supervisor-pass-1";
        await fixture.Server.AddUserAsync("lead.zhang", "supervisor", password);
        await using var browser = await ConsoleBrowser.LaunchAsync(fixture.Server.BaseUri);
        var page = browser.Page;
        await browser.SignInAsync("lead.zhang", password);

        await page.GetByRole(AriaRole.Link, new() { Name = "挂失与锁定", Exact = true }).ClickAsync();

        // README's demo identities: 刘志强's card 100000000002 is reported lost, 陈浩's PIN is locked.
        var lost = page.Locator("section").Filter(new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = "已挂失的社保卡" }) });
        await Expect(lost.Locator("tbody tr").Filter(new() { HasText = "0002" })).ToHaveCountAsync(1);
        var locked = page.Locator("section").Filter(new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = "当前密码锁定" }) });
        await Expect(locked.Locator("tbody tr").Filter(new() { HasText = "锁定中" })).Not.ToHaveCountAsync(0);
        var html = await page.ContentAsync();
        Assert.DoesNotContain("100000000002", html);
        Assert.DoesNotContain("440106199202290058", html);
        await browser.ScreenshotAsync("cards-supervisor");
        Assert.Empty(browser.ScriptErrors);
    }
}
