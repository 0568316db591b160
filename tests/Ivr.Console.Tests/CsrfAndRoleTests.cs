using System.Net;
using Ivr.OperationsConsole.Tests.Support;

namespace Ivr.OperationsConsole.Tests;

public sealed class CsrfAndRoleTests : IAsyncLifetime
{
    private ConsoleTestServer _server = null!;

    public async Task InitializeAsync() => _server = await ConsoleTestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task StateChange_WithoutCsrfToken_Is403AndLogged()
    {
        using var admin = await _server.SignedInAsync("admin");

        var response = await admin.SendAsync(HttpMethod.Post, "api/users", new { name = "li", role = "agent", password = "long-enough-pw" }, withCsrf: false);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("{\"error\":\"csrf\"}", await response.Content.ReadAsStringAsync());
        Assert.Contains(await _server.AccessLogAsync(), e => e is { Action: "refused", Outcome: "csrf", User: "admin", Target: "POST /api/users" });
        Assert.DoesNotContain((await admin.GetJsonAsync("api/users")).EnumerateArray(), u => u.GetProperty("name").GetString() == "li");
    }

    [Fact]
    public async Task StateChange_WithAnotherSessionsToken_Is403()
    {
        using var admin = await _server.SignedInAsync("admin");
        using var other = await _server.SignedInAsync("supervisor");

        var forged = await admin.SendAsync(HttpMethod.Post, "api/users", new { name = "li", role = "agent", password = "long-enough-pw" }, csrf: other.CsrfToken);
        var made = await admin.SendAsync(HttpMethod.Post, "api/users", new { name = "li", role = "agent", password = "long-enough-pw" });

        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.Equal(HttpStatusCode.Created, made.StatusCode);
    }

    [Fact]
    public async Task NotSignedIn_Is401AndLogged()
    {
        using var anonymous = _server.Client();
        var response = await anonymous.GetAsync("api/calls");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains(await _server.AccessLogAsync(), e => e is { Action: "refused", Outcome: "unauthenticated", User: null, Target: "GET /api/calls" });
    }

    [Theory]
    [InlineData("agent", "api/stats")]
    [InlineData("agent", "api/calls")]
    [InlineData("agent", "api/users")]
    [InlineData("agent", "api/flows")]
    [InlineData("editor", "api/calls")]
    [InlineData("editor", "api/live")]
    [InlineData("editor", "api/pins/lockouts")]
    [InlineData("supervisor", "api/users")]
    [InlineData("supervisor", "api/access-log")]
    public async Task WrongRole_Is403WithNothingDisclosedAndLogged(string user, string path)
    {
        using var client = await _server.SignedInAsync(user);

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("{\"error\":\"forbidden\"}", await response.Content.ReadAsStringAsync());
        Assert.Contains(await _server.AccessLogAsync(), e => e.Action == "refused" && e.Outcome == "forbidden" && e.User == user && e.Target == $"GET /{path}");
    }

    [Theory]
    [InlineData("agent", "api/live")]
    [InlineData("agent", "api/messages")]
    [InlineData("supervisor", "api/stats")]
    [InlineData("supervisor", "api/calls")]
    [InlineData("supervisor", "api/cards/loss-reports")]
    [InlineData("editor", "api/flows")]
    [InlineData("editor", "api/stats")]
    [InlineData("admin", "api/access-log")]
    public async Task RightRole_IsServed(string user, string path)
    {
        using var client = await _server.SignedInAsync(user);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(path)).StatusCode);
    }

    [Fact]
    public async Task Admin_CannotDemoteThemself()
    {
        using var admin = await _server.SignedInAsync("admin");
        Assert.Equal(HttpStatusCode.Conflict, (await admin.SendAsync(HttpMethod.Patch, "api/users/admin", new { role = "agent" })).StatusCode);
    }

    [Fact]
    public async Task UnknownApiPath_IsJson404_AndPagesAreServedWithSecurityHeaders()
    {
        using var admin = await _server.SignedInAsync("admin");
        var missing = await admin.GetAsync("api/nothing-here");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("{\"error\":\"not_found\"}", await missing.Content.ReadAsStringAsync());

        var page = await _server.Client().GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("default-src 'self'", string.Join(' ', page.Headers.GetValues("Content-Security-Policy")));
        Assert.Equal("nosniff", Assert.Single(page.Headers.GetValues("X-Content-Type-Options")));
    }
}
