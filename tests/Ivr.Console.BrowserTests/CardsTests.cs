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
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "可疑来电告警" })).ToBeVisibleAsync();

        // The agent's unlock form: an ID with no lock in force (张建国's) is answered as such, and the form forgets the ID.
        var unlock = page.GetByRole(AriaRole.Form, new() { Name = "人工解锁" });
        await unlock.GetByLabel("身份证号").FillAsync("11010519491231002X");
        await unlock.GetByRole(AriaRole.Button, new() { Name = "解除锁定" }).ClickAsync();
        await Expect(unlock.GetByText("该身份证号当前没有被锁定。")).ToBeVisibleAsync();
        await Expect(unlock.GetByLabel("身份证号")).ToHaveValueAsync("");
        var html = await page.ContentAsync();
        Assert.DoesNotContain("100000000002", html);
        Assert.DoesNotContain("440106199202290058", html);
        Assert.DoesNotContain("11010519491231002X", html);
        await browser.ScreenshotAsync("cards-supervisor");
        Assert.Empty(browser.ScriptErrors);
    }
}
