using System.Text.RegularExpressions;
using Ivr.OperationsConsole.BrowserTests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Ivr.OperationsConsole.BrowserTests;

[Collection(ConsoleCollection.Name)]
public sealed class RoleTests(ServerFixture fixture)
{
    [Fact]
    public async Task Agent_CallsPageHiddenInNav_OpenedByUrlIsRefused_ApiAnswers403()
    {
        const string password = "agent-pass-12345";
        await fixture.Server.AddUserAsync("agent.wang", "agent", password);
        await using var browser = await ConsoleBrowser.LaunchAsync(fixture.Server.BaseUri);
        var page = browser.Page;

        await browser.SignInAsync("agent.wang", password);
        var nav = page.GetByRole(AriaRole.Navigation, new() { Name = "主导航" });
        await Expect(nav.GetByRole(AriaRole.Link, new() { Name = "实时通话" })).ToBeVisibleAsync();
        await Expect(nav.GetByRole(AriaRole.Link, new() { Name = "留言与回访" })).ToBeVisibleAsync();
        foreach (var hidden in new[] { "通话记录", "用户与审计", "统计", "挂失与锁定" })
        {
            await Expect(nav.GetByRole(AriaRole.Link, new() { Name = hidden })).ToHaveCountAsync(0);
        }

        await page.GotoAsync("/calls");
        var refusal = page.GetByRole(AriaRole.Alert);
        await Expect(refusal.GetByRole(AriaRole.Heading, new() { Name = "无权访问" })).ToBeVisibleAsync();
        await Expect(refusal).ToContainTextAsync("通话记录");
        await Expect(page.GetByRole(AriaRole.Table)).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Search)).ToHaveCountAsync(0); // not even the search form
        await browser.ScreenshotAsync("refused-agent-calls");

        var api = await page.APIRequest.GetAsync("/api/calls");
        Assert.Equal(403, api.Status);
        Assert.Matches(new Regex("\"error\"\\s*:\\s*\"forbidden\""), await api.TextAsync());

        await page.GotoAsync("/users");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "无权访问" })).ToBeVisibleAsync();

        // The admin finds the attempt in the access log.
        await using var admin = await ConsoleBrowser.LaunchAsync(fixture.Server.BaseUri);
        await admin.SignInAsync(ConsoleServer.AdminUser, ConsoleServer.AdminPassword);
        await admin.Page.GotoAsync("/users");
        var filter = admin.Page.GetByRole(AriaRole.Search, new() { Name = "访问日志筛选" });
        await filter.GetByLabel("用户").FillAsync("agent.wang");
        await filter.GetByLabel("操作").SelectOptionAsync("refused");
        await filter.GetByRole(AriaRole.Button, new() { Name = "筛选" }).ClickAsync();
        var refusedCalls = admin.Page.Locator("table.access-log tbody tr").Filter(new() { HasText = "GET /api/calls" });
        await Expect(refusedCalls.First).ToContainTextAsync("forbidden");
        await Expect(admin.Page.Locator("table.access-log tbody tr").Filter(new() { HasNotText = "agent.wang" })).ToHaveCountAsync(0);
    }
}
