using System.Net;
using Ivr.OperationsConsole.Security;
using Ivr.OperationsConsole.Tests.Support;

namespace Ivr.OperationsConsole.Tests;

/// <summary>Refused requests are logged in full once per address, reason and minute, and otherwise counted per minute.</summary>
public sealed class RefusalLogTests : IAsyncLifetime
{
    private ConsoleTestServer _server = null!;

    public async Task InitializeAsync() => _server = await ConsoleTestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task AFloodOfUnauthenticatedRequests_IsOneRowAndOneCountPerMinute_AndOtherAddressesStillLogged()
    {
        using var flood = _server.Client(IPAddress.Parse("127.0.0.2"));
        for (var i = 0; i < 200; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await flood.GetAsync($"api/calls?n={i}")).StatusCode);
        using var other = _server.Client(IPAddress.Parse("127.0.0.3"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await other.GetAsync("api/live")).StatusCode);

        var during = Refusals(await _server.AccessLogAsync());
        Assert.Equal(5, during.Count(e => e.Ip == "127.0.0.2"));
        Assert.Single(during, e => e is { Ip: "127.0.0.3", Target: "GET /api/live", Outcome: "unauthenticated" });

        _server.Time.Advance(TimeSpan.FromMinutes(1)); // the minute ends: the flush timer writes the count
        var after = await EventuallyAsync(log => log.Any(e => e.Target == AccessLog.AggregatedTarget));

        var counted = Assert.Single(after, e => e.Target == AccessLog.AggregatedTarget);
        Assert.Equal("127.0.0.2", counted.Ip);
        Assert.Equal("unauthenticated", counted.Outcome);
        Assert.StartsWith("195 more refused in the minute from ", counted.Detail);
        Assert.Equal(7, after.Count);
        lock (_server.ServerLog) Assert.Equal(6, _server.ServerLog.Count(l => l.Contains("127.0.0.2")));
    }

    [Fact]
    public async Task WrongPasswords_AreCountedApartFromOtherRefusals_AndTypedNamesDoNotMultiplyTheRows()
    {
        using var client = _server.Client(IPAddress.Parse("127.0.0.2"));
        for (var i = 0; i < 12; i++) await client.SignInAsync($"name{i}", "wrong");
        await client.GetAsync("api/session");

        var log = Refusals(await _server.AccessLogAsync());

        Assert.Equal(5, log.Count(e => e.Outcome == "invalid_credentials"));
        Assert.Single(log, e => e.Outcome == "unauthenticated");
    }

    [Fact]
    public async Task ASignedInUsersRefusals_AreNotHiddenByAnotherUsersAtTheSameAddress()
    {
        using var agent = await _server.SignedInAsync("agent");
        using var editor = await _server.SignedInAsync("editor");
        for (var i = 0; i < 10; i++) await agent.GetAsync("api/users");

        await editor.GetAsync("api/calls");

        Assert.Contains(Refusals(await _server.AccessLogAsync()), e => e is { User: "editor", Outcome: "forbidden", Target: "GET /api/calls" });
    }

    private static List<Ivr.Data.Accounts.AccessLogEntry> Refusals(IEnumerable<Ivr.Data.Accounts.AccessLogEntry> log) => log.Where(e => e.Action == "refused").ToList();

    private async Task<List<Ivr.Data.Accounts.AccessLogEntry>> EventuallyAsync(Func<List<Ivr.Data.Accounts.AccessLogEntry>, bool> done)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            var log = Refusals(await _server.AccessLogAsync());
            if (done(log) || DateTime.UtcNow > deadline) return log;
            await Task.Delay(50);
        }
    }
}
