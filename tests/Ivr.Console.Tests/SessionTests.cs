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
    public async Task SignIn_SixthTry_Is429WithRetryAfter_EvenWithTheRightPassword_AndTheWaitDoublesWithEachFailure()
    {
        using var client = _server.Client();
        for (var i = 0; i < 5; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.SignInAsync("supervisor", "wrong-password-" + i)).StatusCode);

        var blocked = await client.SignInAsync("supervisor", ConsoleTestServer.Password);
        Assert.Equal((HttpStatusCode)429, blocked.StatusCode);
        Assert.Equal(60, RetryAfter(blocked)); // five failures just now: the first extra try waits a minute
        Assert.Contains(await _server.AccessLogAsync(), e => e is { Action: "refused", Outcome: "too_many_attempts" });

        _server.Time.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SignInAsync("supervisor", "wrong-password-6")).StatusCode);
        var longer = await client.SignInAsync("supervisor", ConsoleTestServer.Password);
        Assert.Equal((HttpStatusCode)429, longer.StatusCode);
        Assert.Equal(120, RetryAfter(longer)); // six failures: two minutes

        _server.Time.Advance(TimeSpan.FromSeconds(60));
        Assert.Equal(60, RetryAfter(await client.SignInAsync("supervisor", ConsoleTestServer.Password))); // refused tries do not prolong it
        _server.Time.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal(HttpStatusCode.OK, (await client.SignInAsync("supervisor", ConsoleTestServer.Password)).StatusCode);
    }

    [Fact]
    public async Task SignIn_TheWaitDoublesUpToFifteenMinutes()
    {
        using var client = _server.Client();
        for (var i = 0; i < 5; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.SignInAsync("editor", "wrong-password-" + i)).StatusCode);

        var waits = new List<int>();
        for (var i = 0; i < 6; i++)
        {
            var blocked = await client.SignInAsync("editor", ConsoleTestServer.Password);
            Assert.Equal((HttpStatusCode)429, blocked.StatusCode);
            waits.Add(RetryAfter(blocked));
            _server.Time.Advance(TimeSpan.FromSeconds(waits[^1]));
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.SignInAsync("editor", "wrong-again-" + i)).StatusCode);
        }

        Assert.Equal([60, 120, 240, 480, 900, 900], waits);
    }

    [Fact]
    public async Task SignIn_AnAttackerAtOneAddress_DoesNotLockTheAdminOutAtAnother()
    {
        using var attacker = _server.Client(IPAddress.Parse("127.0.0.2"));
        using var admin = _server.Client(IPAddress.Parse("127.0.0.3"));
        for (var i = 0; i < 20; i++)
        {
            var guess = await attacker.SignInAsync("admin", "guess-" + i);
            Assert.True(guess.StatusCode is HttpStatusCode.Unauthorized or (HttpStatusCode)429, $"guess {i}: {(int)guess.StatusCode}");
            _server.Time.Advance(TimeSpan.FromSeconds(30));
        }

        Assert.Equal((HttpStatusCode)429, (await attacker.SignInAsync("admin", ConsoleTestServer.Password)).StatusCode);

        var signedIn = await admin.SignInAsync("admin", ConsoleTestServer.Password);

        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
        var log = await _server.AccessLogAsync();
        Assert.Contains(log, e => e is { Action: "refused", Outcome: "too_many_attempts", Ip: "127.0.0.2" });
        Assert.Contains(log, e => e is { Action: "sign_in", User: "admin", Outcome: "ok", Ip: "127.0.0.3" });
    }

    [Fact]
    public async Task SignIn_ManyUserNamesFromOneAddress_IsLimitedPerAddress_AndOnlyThere()
    {
        using var client = _server.Client(IPAddress.Parse("127.0.0.2"));
        for (var i = 0; i < 30; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.SignInAsync($"a{i}", "wrong-password")).StatusCode);

        var blocked = await client.SignInAsync("editor", ConsoleTestServer.Password);

        Assert.Equal((HttpStatusCode)429, blocked.StatusCode);
        Assert.Equal(60 * 60, RetryAfter(blocked)); // until the first failure leaves the hour
        Assert.Equal(HttpStatusCode.OK, (await _server.Client(IPAddress.Parse("127.0.0.3")).SignInAsync("editor", ConsoleTestServer.Password)).StatusCode);
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

    private static int RetryAfter(HttpResponseMessage response) => int.Parse(Assert.Single(response.Headers.GetValues("Retry-After")));
}
