using Ivr.Core.Calls;
using Ivr.Data;
using Ivr.Data.Calls;
using Ivr.OperationsConsole.BrowserTests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Ivr.OperationsConsole.BrowserTests;

/// <summary>The 回拨 page (missed calls, flagged numbers) and the emergency mark with its banner.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class CallbackTests(ServerFixture fixture)
{
    [Fact]
    public async Task Admin_MarksAMissedCallCalledBack_AndFlagsANumber_MaskedOnly()
    {
        const string caller = "13577778888";
        await MissedCallAsync(caller);
        await using var browser = await ConsoleBrowser.LaunchAsync(fixture.Server.BaseUri);
        var page = browser.Page;
        await browser.SignInAsync(ConsoleServer.AdminUser, ConsoleServer.AdminPassword);

        await page.GetByRole(AriaRole.Link, new() { Name = "回拨", Exact = true }).ClickAsync();
        var row = page.Locator("tr").Filter(new() { HasText = "135*****888" });
        await Expect(row).ToContainTextAsync("剩");
        await browser.ScreenshotAsync("callbacks");
        await row.GetByRole(AriaRole.Button, new() { Name = "标记已回拨" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByLabel("回拨结果").SelectOptionAsync("no_answer");
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
        await Expect(row).ToContainTextAsync("未接通");
        await row.GetByRole(AriaRole.Button, new() { Name = "标记已回拨" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByLabel("回拨结果").SelectOptionAsync("resolved");
        await page.GetByRole(AriaRole.Dialog).GetByLabel("备注（可不填）").FillAsync("已回电，已解答");
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
        await Expect(row).ToHaveCountAsync(0);
        await page.Locator("#missed-outcome").SelectOptionAsync("resolved");
        await Expect(row).ToContainTextAsync("已解决");
        await Expect(row).ToContainTextAsync("已回电，已解答");
        await Expect(row.GetByRole(AriaRole.Button, new() { Name = "标记已回拨" })).ToHaveCountAsync(0);
        await page.Locator("#missed-outcome").SelectOptionAsync("");

        await page.GetByRole(AriaRole.Button, new() { Name = "标记号码" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("来电号码").FillAsync(caller);
        await dialog.GetByLabel("类别").SelectOptionAsync("harassment");
        await dialog.GetByLabel("原因").FillAsync("反复来电骚扰");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "标记" }).ClickAsync();
        var flagged = page.Locator("section").Filter(new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = "来电标记" }) });
        await Expect(flagged.Locator("tbody tr").Filter(new() { HasText = "135*****888" })).ToContainTextAsync("骚扰");

        page.Dialog += (_, confirm) => confirm.AcceptAsync();
        await flagged.Locator("tbody tr").Filter(new() { HasText = "135*****888" }).GetByRole(AriaRole.Button, new() { Name = "取消标记" }).ClickAsync();
        await Expect(flagged.Locator("tbody tr").Filter(new() { HasText = "135*****888" })).ToHaveCountAsync(0);
        Assert.DoesNotContain(caller, await page.ContentAsync());
        Assert.Empty(browser.ScriptErrors);
    }

    [Fact]
    public async Task Admin_MarksAMessageEmergency_BannerShows_UntilCalledBack()
    {
        var now = DateTimeOffset.UtcNow;
        var id = await Seed.VoiceMessageAsync(fixture.Server, "13566667777", "有人威胁", now, DateOnly.FromDateTime(now.UtcDateTime.AddDays(7)));
        await using var browser = await ConsoleBrowser.LaunchAsync(fixture.Server.BaseUri);
        var page = browser.Page;
        page.Dialog += (_, confirm) => confirm.AcceptAsync();
        await browser.SignInAsync(ConsoleServer.AdminUser, ConsoleServer.AdminPassword);
        await page.GotoAsync("/messages");

        var row = page.Locator("tr").Filter(new() { HasText = $"#{id}" });
        await row.GetByRole(AriaRole.Button, new() { Name = "标记紧急" }).ClickAsync();
        await Expect(row).ToContainTextAsync("紧急");
        await page.GotoAsync("/callbacks");
        await Expect(page.Locator("#emergency-banner")).ToContainTextAsync($"#{id}");
        await browser.ScreenshotAsync("emergency-banner");

        await page.GotoAsync("/messages");
        await row.GetByRole(AriaRole.Button, new() { Name = "标记已回电" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByLabel("处理结果").FillAsync("已回电，已报警处理");
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
        await Expect(row).ToHaveCountAsync(0);
        await page.GotoAsync("/callbacks");
        await Expect(page.Locator("#emergency-banner")).ToBeHiddenAsync();
        Assert.Empty(browser.ScriptErrors);
    }

    private async Task MissedCallAsync(string caller)
    {
        var at = DateTimeOffset.UtcNow.AddMinutes(-30);
        var id = $"missed-{Guid.NewGuid():N}";
        await using var recorder = new SqliteCallRecorder(IvrDatabase.Open(fixture.Server.DatabasePath));
        recorder.CallStarted(new CallStart(id, caller, "12333", "v1", "main", at));
        recorder.Append(new CallEvent(id, 0, at, CallEventKind.NodeEntered, "v1", "main_menu"));
        recorder.CallEnded(id, at.AddSeconds(20), "abandoned");
    }
}
