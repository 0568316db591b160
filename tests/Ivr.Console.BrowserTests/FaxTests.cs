using System.Text.Json;
using Ivr.OperationsConsole.BrowserTests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Ivr.OperationsConsole.BrowserTests;

[Collection(ConsoleCollection.Name)]
public sealed class FaxTests(ServerFixture fixture)
{
    /// <summary>A server without the fax service answers 503 fax_service_not_installed (API.md); the page says so, no error.</summary>
    [Fact]
    public async Task FaxServiceNotInstalled_PageSaysSoPlainly()
    {
        await using var browser = await ConsoleBrowser.LaunchAsync(fixture.Server.BaseUri);
        var page = browser.Page;
        await browser.SignInAsync(ConsoleServer.AdminUser, ConsoleServer.AdminPassword);
        await page.RouteAsync("**/api/faxes", route => route.FulfillAsync(new()
        {
            Status = 503, ContentType = "application/json", Body = """{"error":"fax_service_not_installed"}""",
        }));

        await page.GetByRole(AriaRole.Link, new() { Name = "传真", Exact = true }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "传真服务尚未安装" })).ToBeVisibleAsync();
        await Expect(page.Locator(".notice.error")).ToHaveCountAsync(0);
        Assert.Empty(browser.ScriptErrors);
    }

    /// <summary>
    /// The server's fax service may not be wired in (and would send nothing on loopback anyway), so only the two
    /// fax endpoints are answered by the test, in API.md's shapes; sign-in, the session and its CSRF token are the real server's.
    /// </summary>
    [Fact]
    public async Task RetryNow_SendsTheSessionsCsrfTokenAndShowsTheJobRequeued()
    {
        await using var browser = await ConsoleBrowser.LaunchAsync(fixture.Server.BaseUri);
        var page = browser.Page;
        await browser.SignInAsync(ConsoleServer.AdminUser, ConsoleServer.AdminPassword);
        var session = JsonDocument.Parse(await (await page.APIRequest.GetAsync("/api/session")).TextAsync()).RootElement;
        var retries = new List<IRequest>();
        await page.RouteAsync("**/api/faxes", route => route.FulfillAsync(new()
        {
            ContentType = "application/json",
            Body = """[{"id":7,"callId":"c-7","status":"failed","pages":3,"attempts":2,"lastError":"对方无应答","createdAt":"2026-11-23T08:00:00+00:00","updatedAt":"2026-11-23T08:10:00+00:00","numberMasked":"010****5678"}]""",
        }));
        await page.RouteAsync("**/api/faxes/7/retry", route =>
        {
            retries.Add(route.Request);
            return route.FulfillAsync(new() { Status = 202, ContentType = "application/json", Body = """{"id":7,"status":"queued"}""" });
        });

        await page.GotoAsync("/faxes");
        var row = page.Locator("tbody tr").Filter(new() { HasText = "#7" });
        await Expect(row).ToContainTextAsync("010****5678");
        await Expect(row).ToContainTextAsync("失败");
        await row.GetByRole(AriaRole.Button, new() { Name = "立即重发" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "传真 #7 已重新排队" })).ToBeVisibleAsync();
        var retry = Assert.Single(retries);
        Assert.Equal("POST", retry.Method);
        Assert.Equal(session.GetProperty("csrfToken").GetString(), await retry.HeaderValueAsync("x-csrf-token"));
        await browser.ScreenshotAsync("faxes-retry");
        Assert.Empty(browser.ScriptErrors);
    }
}
