using System.Net;
using Ivr.OperationsConsole.Server;
using Ivr.OperationsConsole.Tests.Support;

namespace Ivr.OperationsConsole.Tests;

/// <summary><c>/api/server/drain</c>: admins only, CSRF-protected like every state change, and in the access log.</summary>
public sealed class ServerDrainTests : IAsyncLifetime
{
    private readonly FakeDrain _drain = new();
    private ConsoleTestServer _server = null!;

    public async Task InitializeAsync() => _server = await ConsoleTestServer.StartAsync(drain: _drain);

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Admin_Drain_StartsItOnce_ShowsItAndLogsWhoAskedEachTime()
    {
        using var admin = await _server.SignedInAsync("admin");
        Assert.False((await ApiClient.Json(await admin.GetAsync("api/server"))).GetProperty("draining").GetBoolean());

        var first = await admin.PostAsync("api/server/drain");
        var second = await admin.PostAsync("api/server/drain");

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);
        Assert.Equal(["console, user admin"], _drain.Reasons);
        Assert.True((await ApiClient.Json(await admin.GetAsync("api/server"))).GetProperty("draining").GetBoolean());
        var log = await _server.AccessLogAsync();
        Assert.Contains(log, e => e is { Action: "server_drain", User: "admin", Target: "server", Detail: "drain started" });
        Assert.Contains(log, e => e is { Action: "server_drain", User: "admin", Detail: "already draining" });
    }

    [Fact]
    public async Task Drain_WithoutCsrfToken_403_NotDrained()
    {
        using var admin = await _server.SignedInAsync("admin");

        var response = await admin.SendAsync(HttpMethod.Post, "api/server/drain", withCsrf: false);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(_drain.Reasons);
    }

    [Theory]
    [InlineData("supervisor")]
    [InlineData("editor")]
    [InlineData("agent")]
    public async Task Drain_NotAnAdmin_403_NotDrained(string user)
    {
        using var client = await _server.SignedInAsync(user);

        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsync("api/server/drain")).StatusCode);
        Assert.Empty(_drain.Reasons);
    }

    [Fact]
    public async Task WithoutADrain_Both503()
    {
        await using var bare = await ConsoleTestServer.StartAsync();
        using var admin = await bare.SignedInAsync("admin");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await admin.GetAsync("api/server")).StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await admin.PostAsync("api/server/drain")).StatusCode);
    }

    private sealed class FakeDrain : IServerDrain
    {
        public List<string> Reasons { get; } = [];

        public bool IsDraining => Reasons.Count > 0;

        public bool Begin(string reason)
        {
            if (IsDraining) return false;
            Reasons.Add(reason);
            return true;
        }
    }
}
