using Microsoft.Playwright;
namespace Ivr.Console.BrowserTests;
public class SmokeTests
{
    [Fact]
    public async Task Chromium_OpensLocalPage()
    {
        using var pw = await Playwright.CreateAsync();
        var dir = Directory.CreateTempSubdirectory("ivr-chromium-");
        await using var ctx = await pw.Chromium.LaunchPersistentContextAsync(dir.FullName, new() {
            ExecutablePath = "/usr/bin/chromium", Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"] });
        var page = await ctx.NewPageAsync();
        await page.SetContentAsync("<h1>你好</h1>");
        Assert.Equal("你好", await page.InnerTextAsync("h1"));
    }
}
