using Microsoft.Playwright;

namespace Ivr.OperationsConsole.BrowserTests.Support;

/// <summary>
/// Debian's Chromium driven headless by Playwright — never a downloaded browser — with a fresh profile
/// per instance, Chinese locale and China time, pointed at one console server.
/// </summary>
public sealed class ConsoleBrowser : IAsyncDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--autoplay-policy=no-user-gesture-required",
    ];

    private readonly IPlaywright _playwright;
    private readonly DirectoryInfo _profile;

    private ConsoleBrowser(IPlaywright playwright, DirectoryInfo profile, IBrowserContext context, IPage page)
    {
        _playwright = playwright;
        _profile = profile;
        Context = context;
        Page = page;
    }

    public IBrowserContext Context { get; }

    public IPage Page { get; }

    /// <summary>Errors the page's scripts threw or logged: a clean page has none.</summary>
    public List<string> ScriptErrors { get; } = [];

    public static async Task<ConsoleBrowser> LaunchAsync(Uri baseUri)
    {
        var playwright = await Playwright.CreateAsync();
        var profile = Directory.CreateTempSubdirectory("ivr-chromium-profile-");
        var context = await playwright.Chromium.LaunchPersistentContextAsync(profile.FullName, new BrowserTypeLaunchPersistentContextOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ChromiumArgs,
            BaseURL = baseUri.ToString(),
            Locale = "zh-CN",
            TimezoneId = "Asia/Shanghai",
            ViewportSize = new ViewportSize { Width = 1366, Height = 900 },
            AcceptDownloads = true,
        });
        // Generous limits: this machine is small and shared; a limit here only bounds a failure's wait.
        context.SetDefaultTimeout(30_000);
        Assertions.SetDefaultExpectTimeout(20_000);
        var page = context.Pages.Count > 0 ? context.Pages[0] : await context.NewPageAsync();
        var browser = new ConsoleBrowser(playwright, profile, context, page);
        page.PageError += (_, error) => browser.ScriptErrors.Add(error);
        page.Console += (_, message) =>
        {
            // A refused request (401/403/503) is logged by Chromium as a console error; those are expected answers.
            if (message.Type == "error" && !message.Text.Contains("Failed to load resource", StringComparison.Ordinal))
            {
                browser.ScriptErrors.Add(message.Text);
            }
        };
        return browser;
    }

    /// <summary>Opens the console and signs in through the form.</summary>
    public async Task SignInAsync(string user, string password)
    {
        await Page.GotoAsync("/");
        await Page.GetByLabel("用户名").FillAsync(user);
        await Page.GetByLabel("密码").FillAsync(password);
        await Page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await Page.GetByRole(AriaRole.Navigation, new() { Name = "主导航" }).WaitForAsync();
    }

    /// <summary>A full-page screenshot in artifacts/console-screenshots/NAME.png.</summary>
    public async Task ScreenshotAsync(string name)
    {
        Directory.CreateDirectory(RepositoryPaths.Screenshots);
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(RepositoryPaths.Screenshots, $"{name}.png"), FullPage = true });
    }

    public async ValueTask DisposeAsync()
    {
        await Context.CloseAsync();
        _playwright.Dispose();
        try
        {
            _profile.Delete(recursive: true);
        }
        catch (IOException)
        {
            // Chromium may still be writing its profile while it exits
        }
    }
}
