using Ivr.OperationsConsole.BrowserTests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Ivr.OperationsConsole.BrowserTests;

/// <summary>Every page an admin sees loads without a script error and without an error notice; a screenshot of each.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class PageTourTests(ServerFixture fixture)
{
    public static TheoryData<string, string, string> Pages => new()
    {
        { "/live", "实时通话", "live-empty" },
        { "/stats", "统计", "stats" },
        { "/flows", "流程", "flows" },
        { "/calls", "通话记录", "calls-search" },
        { "/messages", "留言与回访", "messages-list" },
        { "/callbacks", "回拨", "callbacks-tour" },
        { "/faxes", "传真", "faxes" },
        { "/cards", "挂失与锁定", "cards" },
        { "/users", "用户与审计", "users" },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Admin_OpensPage_RendersCleanly(string path, string heading, string screenshot)
    {
        await using var browser = await ConsoleBrowser.LaunchAsync(fixture.Server.BaseUri);
        var page = browser.Page;
        await browser.SignInAsync(ConsoleServer.AdminUser, ConsoleServer.AdminPassword);

        await page.GotoAsync(path);

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = heading, Exact = true })).ToBeVisibleAsync();
        await Expect(page.Locator(".loading")).ToHaveCountAsync(0);
        await Expect(page.Locator(".notice.error")).ToHaveCountAsync(0);
        await Expect(page.Locator("nav a[aria-current=page]")).ToHaveTextAsync(heading);
        await browser.ScreenshotAsync(screenshot);
        Assert.Empty(browser.ScriptErrors);
    }

    [Fact]
    public async Task Stats_DrawsChartsAsSvg()
    {
        await using var browser = await ConsoleBrowser.LaunchAsync(fixture.Server.BaseUri);
        var page = browser.Page;
        await browser.SignInAsync(ConsoleServer.AdminUser, ConsoleServer.AdminPassword);

        await page.GotoAsync("/stats");

        await Expect(page.Locator("svg.column-chart")).ToHaveCountAsync(2);
        await Expect(page.Locator("svg.column-chart").First.Locator("rect.bar")).ToHaveCountAsync(24);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "菜单流失漏斗：来电者在哪里放弃" })).ToBeVisibleAsync();
    }
}
