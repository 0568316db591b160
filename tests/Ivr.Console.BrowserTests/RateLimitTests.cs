using Ivr.OperationsConsole.BrowserTests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Ivr.OperationsConsole.BrowserTests;

/// <summary>
/// Its own server: after five wrong passwords for one user from one address, each try waits (a minute, then longer),
/// which would lock every other test out of a shared server.
/// </summary>
public sealed class RateLimitTests : IAsyncLifetime
{
    private readonly ServerFixture _own = new();

    private ConsoleServer Server => _own.Server;

    public Task InitializeAsync() => _own.InitializeAsync();

    public Task DisposeAsync() => _own.DisposeAsync();

    [Fact]
    public async Task RepeatedWrongPasswords_TellTheUserToWaitAndRefuseEvenTheRightOne()
    {
        await using var browser = await ConsoleBrowser.LaunchAsync(Server.BaseUri);
        var page = browser.Page;
        await page.GotoAsync("/");
        var alert = page.GetByRole(AriaRole.Alert);

        for (var attempt = 1; attempt <= 5; attempt++)
        {
            await page.GetByLabel("用户名").FillAsync(ConsoleServer.AdminUser);
            await page.GetByLabel("密码").FillAsync($"wrong-password-{attempt}");
            await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
            await Expect(alert).ToContainTextAsync("用户名或密码错误");
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "登录" })).ToBeEnabledAsync();
        }

        await page.GetByLabel("密码").FillAsync(ConsoleServer.AdminPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();

        await Expect(alert).ToContainTextAsync("登录失败次数过多");
        await Expect(alert).ToContainTextAsync("分钟后再试");
        await Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "主导航" })).ToBeHiddenAsync();
        await browser.ScreenshotAsync("signin-rate-limited");
        Assert.Empty(browser.ScriptErrors);
    }
}
