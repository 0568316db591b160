using System.Net;
using Ivr.OperationsConsole.Tests.Support;

namespace Ivr.OperationsConsole.Tests;

public sealed class SessionTests : IAsyncLifetime
{
    private ConsoleTestServer _server = null!;

    public async Task InitializeAsync() => _server = await ConsoleTestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task SignIn_RightPassword_SetsAStrictHttpOnlyCookieAndReturnsTheCsrfToken()
    {
        using var client = _server.Client();
        var response = await client.SignInAsync("admin", ConsoleTestServer.Password);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith("ivr_session=", cookie);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        var session = await ApiClient.Json(response);
        Assert.Equal("admin", session.GetProperty("user").GetString());
        Assert.Equal("admin", session.GetProperty("role").GetString());
        Assert.False(string.IsNullOrEmpty(client.CsrfToken));
        var again = await client.GetJsonAsync("api/session");
        Assert.Equal(client.CsrfToken, again.GetProperty("csrfToken").GetString());
        Assert.Contains(await _server.AccessLogAsync(), e => e is { Action: "sign_in", User: "admin", Outcome: "ok" });
    }

    [Fact]
    public async Task SignIn_StoresOnlyTheHashOfTheSessionToken()
    {
        using var client = _server.Client();
        var response = await client.SignInAsync("admin", ConsoleTestServer.Password);
        var token = client.Cookies.GetCookies(_server.Host.Address)["ivr_session"]!.Value;

        await using var connection = await _server.Database.OpenConnectionAsync(CancellationToken.None);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT token_hash FROM console_sessions;";
        var stored = (string)command.ExecuteScalar()!;
        Assert.NotEqual(token, stored);
        Assert.Equal(64, stored.Length);
    }

    [Fact]
    public async Task SignIn_WrongPassword_Is401WithNothingDisclosedAndLogged()
    {
        using var client = _server.Client();
        var wrong = await client.SignInAsync("admin", "not-the-password");
        var unknown = await client.SignInAsync("nobody", "not-the-password");

        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        Assert.Equal("{\"error\":\"invalid_credentials\"}", await wrong.Content.ReadAsStringAsync());
        Assert.Equal(await wrong.Content.ReadAsStringAsync(), await unknown.Content.ReadAsStringAsync());
        Assert.False(wrong.Headers.Contains("Set-Cookie"));
        Assert.Contains(await _server.AccessLogAsync(), e => e is { Action: "refused", User: "admin", Outcome: "invalid_credentials" });
    }

    [Fact]
    public async Task SignIn_SixthTryWithinFifteenMinutes_Is429WithRetryAfter_EvenWithTheRightPassword()
    {
        using var client = _server.Client();
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.SignInAsync("supervisor", "wrong-password-" + i)).StatusCode);
            _server.Time.Advance(TimeSpan.FromMinutes(1));
        }

        var blocked = await client.SignInAsync("supervisor", ConsoleTestServer.Password);

        Assert.Equal((HttpStatusCode)429, blocked.StatusCode);
        var retryAfter = int.Parse(Assert.Single(blocked.Headers.GetValues("Retry-After")));
        Assert.Equal(10 * 60, retryAfter); // failures at minutes 0..4, now minute 5: the first leaves the 15-minute window in 10 minutes
        Assert.Contains(await _server.AccessLogAsync(), e => e is { Action: "refused", Outcome: "too_many_attempts" });

        _server.Time.Advance(TimeSpan.FromSeconds(retryAfter + 1));
        Assert.Equal(HttpStatusCode.OK, (await client.SignInAsync("supervisor", ConsoleTestServer.Password)).StatusCode);
    }

    [Fact]
    public async Task SignIn_ManyUserNamesFromOneAddress_IsLimitedPerAddress()
    {
        using var client = _server.Client();
        foreach (var name in new[] { "a1", "a2", "a3", "a4", "a5" })
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.SignInAsync(name, "wrong-password")).StatusCode);

        Assert.Equal((HttpStatusCode)429, (await client.SignInAsync("editor", ConsoleTestServer.Password)).StatusCode);
    }

    [Fact]
    public async Task Session_IdleForMoreThan30Minutes_Expires()
    {
        using var client = await _server.SignedInAsync("admin");
        _server.Time.Advance(TimeSpan.FromMinutes(29));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("api/session")).StatusCode);
        _server.Time.Advance(TimeSpan.FromMinutes(29));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("api/session")).StatusCode);

        _server.Time.Advance(TimeSpan.FromMinutes(31));
        var expired = await client.GetAsync("api/session");

        Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
        Assert.Equal("{\"error\":\"unauthenticated\"}", await expired.Content.ReadAsStringAsync());
        Assert.Contains(await _server.AccessLogAsync(), e => e is { Action: "refused", Outcome: "unauthenticated", Target: "GET /api/session" });
    }

    [Fact]
    public async Task Session_InUseAllDay_EndsTwelveHoursAfterSignIn()
    {
        using var client = await _server.SignedInAsync("admin");
        for (var i = 0; i < 47; i++)
        {
            _server.Time.Advance(TimeSpan.FromMinutes(15));
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("api/session")).StatusCode);
        }

        _server.Time.Advance(TimeSpan.FromMinutes(16));
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("api/session")).StatusCode);
    }

    [Fact]
    public async Task SignOut_EndsTheSession()
    {
        using var client = await _server.SignedInAsync("agent");
        Assert.Equal(HttpStatusCode.NoContent, (await client.SendAsync(HttpMethod.Delete, "api/session")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("api/session")).StatusCode);
        Assert.Contains(await _server.AccessLogAsync(), e => e is { Action: "sign_out", User: "agent" });
    }

    [Fact]
    public async Task DisabledUser_CannotSignIn_AndLosesTheOpenSession()
    {
        using var agent = await _server.SignedInAsync("agent");
        using var admin = await _server.SignedInAsync("admin");

        var disable = await admin.SendAsync(HttpMethod.Patch, "api/users/agent", new { disabled = true });

        Assert.Equal(HttpStatusCode.OK, disable.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await agent.GetAsync("api/session")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _server.Client().SignInAsync("agent", ConsoleTestServer.Password)).StatusCode);
    }
}
