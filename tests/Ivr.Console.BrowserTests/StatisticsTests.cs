using Ivr.OperationsConsole.BrowserTests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;
using static Ivr.OperationsConsole.BrowserTests.Support.Seed;

namespace Ivr.OperationsConsole.BrowserTests;

[Collection(ConsoleCollection.Name)]
public sealed class StatisticsTests(ServerFixture fixture)
{
    [Fact]
    public async Task FilteredByFlowVersion_TotalsChartsAndMenuFunnelShowExactlyTheRecordedCalls()
    {
        var version = $"stats{Guid.NewGuid():N}"[..16];
        string[] menu = ["main.welcome", "main.main_menu"];
        var plans = new List<CallPlan>();
        for (var i = 0; i < 6; i++) plans.Add(new([.. menu, "main.pension"], "completed", Served: true, SurveyScore: i < 4 ? 1 : i == 4 ? 2 : null));
        for (var i = 0; i < 3; i++) plans.Add(new(menu, "abandoned"));
        for (var i = 0; i < 2; i++) plans.Add(new([.. menu, "main.agent"], "transferred", SurveyScore: i == 0 ? 3 : null));
        plans.Add(new(["main.welcome"], "abandoned"));
        await CallsAsync(fixture.Server, version, DateTimeOffset.UtcNow.AddMinutes(-2), plans);

        await using var browser = await ConsoleBrowser.LaunchAsync(fixture.Server.BaseUri);
        var page = browser.Page;
        await browser.SignInAsync(ConsoleServer.AdminUser, ConsoleServer.AdminPassword);
        await page.GetByRole(AriaRole.Link, new() { Name = "统计", Exact = true }).ClickAsync();
        await page.GetByLabel("流程版本").SelectOptionAsync(version);
        await page.GetByRole(AriaRole.Button, new() { Name = "查询" }).ClickAsync();

        await Expect(page.Locator(".range")).ToContainTextAsync(version[..12]);
        await Expect(Kpi(page, "来电总数")).ToHaveTextAsync("12");
        await Expect(Kpi(page, "自助完成率")).ToHaveTextAsync("50.0%");
        await Expect(Kpi(page, "转人工")).ToHaveTextAsync("2");
        await Expect(Kpi(page, "IVR 内挂机")).ToHaveTextAsync("4");
        await Expect(Kpi(page, "满意度")).ToHaveTextAsync("1.50");

        var hours = page.Locator("svg.column-chart").First.Locator("rect.bar");
        await Expect(hours).ToHaveCountAsync(24);
        var barTitles = await hours.Locator("title").AllTextContentsAsync();
        Assert.Equal(12, barTitles.Sum(t => int.Parse(t[(t.IndexOf(": ", StringComparison.Ordinal) + 2)..])));

        var funnel = page.Locator("figure.funnel-menu").Filter(new() { HasText = "main.main_menu" });
        await Expect(funnel.Locator("figcaption")).ToContainTextAsync("放弃率 27%");
        await Expect(funnel.Locator("rect.bar title")).ToHaveTextAsync(["进入菜单: 11", "→ main.pension: 6（55%）", "→ main.agent: 2（18%）", "在此挂机: 3（27%）", "由此转人工: 2（18%）"]);
        await funnel.ScrollIntoViewIfNeededAsync();
        await browser.ScreenshotAsync("stats-funnel");
        Assert.Empty(browser.ScriptErrors);
    }

    [Fact]
    public async Task OneNodeChosen_TheMenuFunnelAndDropOffsCountThatNodesCallsOnly()
    {
        var version = $"stats{Guid.NewGuid():N}"[..16];
        var nodeA = $"node-a-{Guid.NewGuid():N}"[..16];
        string[] menu = ["main.welcome", "main.main_menu"];
        await CallsAsync(fixture.Server, version, DateTimeOffset.UtcNow.AddMinutes(-2),
            [new([.. menu, "main.pension"], "completed", Served: true), new([.. menu, "main.pension"], "completed", Served: true), new(menu, "abandoned")], nodeA);
        await CallsAsync(fixture.Server, version, DateTimeOffset.UtcNow.AddMinutes(-3),
            [new(menu, "abandoned"), new(menu, "abandoned"), new([.. menu, "main.agent"], "transferred")], "node-b");

        await using var browser = await ConsoleBrowser.LaunchAsync(fixture.Server.BaseUri);
        var page = browser.Page;
        await browser.SignInAsync(ConsoleServer.AdminUser, ConsoleServer.AdminPassword);
        await page.GetByRole(AriaRole.Link, new() { Name = "统计", Exact = true }).ClickAsync();
        await page.GetByLabel("流程版本").SelectOptionAsync(version);
        await page.GetByLabel("节点").SelectOptionAsync(nodeA);
        await page.GetByRole(AriaRole.Button, new() { Name = "查询" }).ClickAsync();

        await Expect(page.Locator(".range")).ToContainTextAsync($"节点 {nodeA}");
        await Expect(Kpi(page, "来电总数")).ToHaveTextAsync("3");
        var funnel = page.Locator("figure.funnel-menu").Filter(new() { HasText = "main.main_menu" });
        await Expect(funnel.Locator("rect.bar title")).ToHaveTextAsync(["进入菜单: 3", "→ main.pension: 2（67%）", "在此挂机: 1（33%）"]);
        await Expect(page.GetByText("暂不按节点区分")).ToHaveCountAsync(0);
        Assert.Empty(browser.ScriptErrors);
    }

    private static ILocator Kpi(IPage page, string label)
        => page.Locator(".kpi").Filter(new() { Has = page.Locator(".kpi-label", new() { HasTextString = label }) }).Locator(".kpi-value");
}
