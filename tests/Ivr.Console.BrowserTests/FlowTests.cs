using System.Text.Json;
using Ivr.OperationsConsole.BrowserTests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Ivr.OperationsConsole.BrowserTests;

[Collection(ConsoleCollection.Name)]
public sealed class FlowTests(ServerFixture fixture)
{
    [Fact]
    public async Task FlowsPage_ShowsValidationAndTheMainFlowDiagram()
    {
        await using var browser = await ConsoleBrowser.LaunchAsync(fixture.Server.BaseUri);
        var page = browser.Page;
        await browser.SignInAsync(ConsoleServer.AdminUser, ConsoleServer.AdminPassword);

        await page.GotoAsync("/flows");

        await Expect(page.Locator(".validation")).ToContainTextAsync("校验通过");
        await Expect(page.GetByLabel("选择流程")).ToHaveValueAsync("main"); // the flow routed for 12333 comes first
        var diagram = page.GetByRole(AriaRole.Img, new() { Name = "流程 main 的结构图" });
        await diagram.ScrollIntoViewIfNeededAsync();
        await page.WaitForFunctionAsync("img => img.complete && img.naturalWidth > 0", await diagram.ElementHandleAsync(), new() { Timeout = 60_000 });
        await Expect(page.GetByText("正在绘制流程图")).ToHaveCountAsync(0);
        await diagram.ScrollIntoViewIfNeededAsync();
        await browser.ScreenshotAsync("flows-diagram");
        Assert.Empty(browser.ScriptErrors);
    }

    [Fact]
    public async Task EditedFlow_NewVersionListed_DiffShowsTheAddedLineInBothLayouts()
    {
        await using var browser = await ConsoleBrowser.LaunchAsync(fixture.Server.BaseUri);
        var page = browser.Page;
        await browser.SignInAsync(ConsoleServer.AdminUser, ConsoleServer.AdminPassword);
        var before = await VersionCountAsync(page);

        // An editor saves a change: the server picks it up within a second and records a new version.
        var comment = $"# 控制台浏览器测试 {Guid.NewGuid():N}";
        var main = Path.Combine(fixture.Server.FlowsFolder, "main.yaml");
        await File.WriteAllTextAsync(main, $"{comment}\n{await File.ReadAllTextAsync(main)}");
        for (var attempt = 0; attempt < 60 && await VersionCountAsync(page) <= before; attempt++)
        {
            await Task.Delay(500);
        }

        await page.GotoAsync("/flows");
        await page.GetByLabel("文件（可选）").FillAsync("main.yaml");
        await page.GetByRole(AriaRole.Button, new() { Name = "对比" }).ClickAsync();

        await Expect(page.Locator("table.diff.side-by-side td.code.added").Filter(new() { HasText = comment })).ToHaveCountAsync(1);
        await Expect(page.Locator(".diff-summary")).ToContainTextAsync("+1");
        await page.Locator("table.diff").First.ScrollIntoViewIfNeededAsync();
        await browser.ScreenshotAsync("flows-diff");

        await page.GetByLabel("显示方式").SelectOptionAsync("unified");
        await Expect(page.Locator("table.diff.unified tr.added").Filter(new() { HasText = comment })).ToHaveCountAsync(1);
        Assert.Empty(browser.ScriptErrors);
    }

    private static async Task<int> VersionCountAsync(IPage page)
    {
        var response = await page.APIRequest.GetAsync("/api/flows/versions");
        Assert.Equal(200, response.Status);
        return JsonDocument.Parse(await response.TextAsync()).RootElement.GetArrayLength();
    }
}
