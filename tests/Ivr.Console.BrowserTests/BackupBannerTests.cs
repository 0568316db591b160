using Ivr.OperationsConsole.BrowserTests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Ivr.OperationsConsole.BrowserTests;

/// <summary>备份: without a backup of the last 15 days an admin sees the warning banner on every page; after
/// <c>ivr db backup</c> it is gone and the admin page's 备份 section names the backup.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class BackupBannerTests(ServerFixture fixture)
{
    [Fact]
    public async Task Admin_NoRecentBackup_BannerUntilABackupIsMade()
    {
        await using var browser = await ConsoleBrowser.LaunchAsync(fixture.Server.BaseUri);
        var page = browser.Page;
        await browser.SignInAsync(ConsoleServer.AdminUser, ConsoleServer.AdminPassword);
        var banner = page.Locator("#backup-banner .notice.warning");

        await page.GotoAsync("/stats");
        await Expect(banner).ToContainTextAsync("按规定至少每半月备份一次");
        await page.GotoAsync("/users");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "备份", Exact = true })).ToBeVisibleAsync();

        var file = Path.Combine(fixture.Server.Work.FullName, "backup-now.tar.gz");
        var (code, output) = await fixture.Server.RunIvrAsync(["db", "backup", file, "--data", fixture.Server.DataFolder]);
        Assert.True(code == 0, output);
        await page.ReloadAsync();

        await Expect(page.Locator(".backups")).ToContainTextAsync("手动");
        await Expect(page.Locator(".backups")).ToContainTextAsync(file);
        await Expect(banner).ToHaveCountAsync(0);
        Assert.Empty(browser.ScriptErrors);
    }
}
