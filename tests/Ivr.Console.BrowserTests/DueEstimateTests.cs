using Ivr.OperationsConsole.BrowserTests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Ivr.OperationsConsole.BrowserTests;

/// <summary>留言与回访 marks a due date counted past the calendar's last year (issue 15, item 7) and only that one.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class DueEstimateTests(ServerFixture fixture)
{
    private const string Chip = "日历未覆盖，到期日按周末估算";

    [Fact]
    public async Task MessagesPage_ChipBesideTheEstimatedDueDateOnly()
    {
        var now = DateTimeOffset.UtcNow;
        var estimated = await Seed.VoiceMessageAsync(fixture.Server, "13911113333", "跨年留言", now, new DateOnly(2027, 1, 4), dueBeyondCalendar: true);
        var known = await Seed.VoiceMessageAsync(fixture.Server, "13911114444", "年内留言", now, DateOnly.FromDateTime(now.UtcDateTime.AddDays(7)));
        await using var browser = await ConsoleBrowser.LaunchAsync(fixture.Server.BaseUri);
        var page = browser.Page;
        await browser.SignInAsync(ConsoleServer.AdminUser, ConsoleServer.AdminPassword);

        await page.GotoAsync("/messages");

        var row = MessageRow(page, estimated);
        await Expect(row.Locator(".badge.due-estimate")).ToHaveTextAsync(Chip);
        await Expect(MessageRow(page, known).Locator(".due-estimate")).ToHaveCountAsync(0);
        var color = await row.Locator(".badge.due-estimate").EvaluateAsync<string>("e => getComputedStyle(e).color");
        Assert.Equal("rgb(138, 90, 0)", color); // --warn from its own style sheet, loaded under style-src 'self'
        Assert.Empty(browser.ScriptErrors);
    }

    /// <summary>The row of message <paramref name="id"/> in the 语音留言 table (its first cell is exactly <c>#ID</c>).</summary>
    private static ILocator MessageRow(IPage page, long id) => page.Locator($"section:has(h2:text-is('语音留言')) tr:has(td.num:text-is('#{id}'))");
}
