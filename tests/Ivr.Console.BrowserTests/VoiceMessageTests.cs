using Ivr.OperationsConsole.BrowserTests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Ivr.OperationsConsole.BrowserTests;

[Collection(ConsoleCollection.Name)]
public sealed class VoiceMessageTests(ServerFixture fixture)
{
    [Fact]
    public async Task PlayButton_StreamsTheWavAndPlaybackAdvances_AndTheViewIsLogged()
    {
        var now = DateTimeOffset.UtcNow;
        var id = await Seed.VoiceMessageAsync(fixture.Server, "13912345678", "咨询养老金到账时间", now, DateOnly.FromDateTime(now.UtcDateTime.AddDays(7)));
        var overdue = await Seed.VoiceMessageAsync(fixture.Server, "13698765432", "社保卡补办进度", now.AddDays(-12), DateOnly.FromDateTime(now.UtcDateTime.AddDays(-3)));
        await using var browser = await ConsoleBrowser.LaunchAsync(fixture.Server.BaseUri);
        var page = browser.Page;
        await browser.SignInAsync(ConsoleServer.AdminUser, ConsoleServer.AdminPassword);

        await page.GetByRole(AriaRole.Link, new() { Name = "留言与回访", Exact = true }).ClickAsync();
        var row = page.Locator("tr").Filter(new() { HasText = $"#{id}" });
        await Expect(row).ToContainTextAsync("139*****678");
        await Expect(page.Locator("tr.overdue").Filter(new() { HasText = $"#{overdue}" })).ToContainTextAsync("已逾期");
        Assert.DoesNotContain("13912345678", await page.ContentAsync());

        var audio = row.Locator("audio");
        var response = page.WaitForResponseAsync(r => r.Url.EndsWith($"/api/messages/{id}/audio", StringComparison.Ordinal));
        await audio.EvaluateAsync("a => a.play()");
        var answer = await response;
        Assert.Contains(answer.Status, new[] { 200, 206 });
        Assert.StartsWith("audio/wav", answer.Headers["content-type"]);
        await page.WaitForFunctionAsync("a => a.currentTime > 0.5", await audio.ElementHandleAsync(), new() { Timeout = 20_000 });
        await browser.ScreenshotAsync("messages");

        var log = await page.APIRequest.GetAsync("/api/access-log?action=recording_view&limit=20");
        Assert.Contains($"message:{id}", await log.TextAsync());
        Assert.Empty(browser.ScriptErrors);
    }

    [Fact]
    public async Task MarkCalledBack_WithOutcome_LeavesTheOpenList()
    {
        var now = DateTimeOffset.UtcNow;
        var id = await Seed.VoiceMessageAsync(fixture.Server, "13511112222", "咨询失业金", now, DateOnly.FromDateTime(now.UtcDateTime.AddDays(7)));
        await using var browser = await ConsoleBrowser.LaunchAsync(fixture.Server.BaseUri);
        var page = browser.Page;
        await browser.SignInAsync(ConsoleServer.AdminUser, ConsoleServer.AdminPassword);
        await page.GotoAsync("/messages");

        var row = page.Locator("tr").Filter(new() { HasText = $"#{id}" });
        await row.GetByRole(AriaRole.Button, new() { Name = "分配" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByLabel("分配给（用户名）").SelectOptionAsync(ConsoleServer.AdminUser);
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "分配" }).ClickAsync();
        await Expect(row).ToContainTextAsync("已分配");

        await row.GetByRole(AriaRole.Button, new() { Name = "标记已回电" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByLabel("处理结果").FillAsync("已回电，告知到账时间");
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
        await Expect(row).ToHaveCountAsync(0);

        await page.GetByLabel("显示").SelectOptionAsync("all");
        await Expect(page.Locator("tr").Filter(new() { HasText = $"#{id}" })).ToContainTextAsync("已回电，告知到账时间");
        Assert.Empty(browser.ScriptErrors);
    }
}
