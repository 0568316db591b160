using System.Text.Json;
using Microsoft.Playwright;

namespace Ivr.OperationsConsole.BrowserTests.Support;

/// <summary>JSON requests with a page's session and its CSRF token (from GET /api/session).</summary>
internal static class DraftApi
{
    public static async Task<JsonElement> CallAsync(IPage page, string method, string path, object? body = null)
    {
        var session = JsonDocument.Parse(await (await page.APIRequest.GetAsync("/api/session")).TextAsync()).RootElement;
        var response = await page.APIRequest.FetchAsync(path, new()
        {
            Method = method,
            Headers = new Dictionary<string, string> { ["X-CSRF-Token"] = session.GetProperty("csrfToken").GetString()! },
            DataObject = body,
        });
        Assert.True(response.Ok, $"{method} {path}: {response.Status} {await response.TextAsync()}");
        return JsonDocument.Parse(await response.TextAsync()).RootElement.Clone();
    }
}
