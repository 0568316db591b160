using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Ivr.Host.Cli;
using Ivr.Host.Serving;

namespace Ivr.Host.Tests.Serving;

/// <summary>The whole server composed and started in this process on free ports, with a private copy of the example flows and a new database.</summary>
public sealed class IvrServerTests : IDisposable
{
    private readonly ExampleFlows _files = new();
    private readonly ConcurrentQueue<string> _log = new();

    private ServeOptions Options(string? clockStart = null) => new()
    {
        Paths = new IvrPaths(_files.Flows, _files.Prompts, Path.Combine(_files.Root, "data")),
        SipPort = 0,
        Address = IPAddress.Loopback,
        MaxCalls = 10,
        Console = false,
        QueueFile = null,
        TrunkFile = null,
        ClockStart = clockStart is null ? null : DateTimeOffset.Parse(clockStart, System.Globalization.CultureInfo.InvariantCulture),
    };

    [Fact]
    public async Task StartAsync_ThenDispose_ListensForSipThenLetsThePortGo()
    {
        var server = await IvrServer.StartAsync(Options(), _log.Enqueue, CancellationToken.None);
        var port = server.SipEndPoint.Port;
        Assert.NotEqual(0, port);
        Assert.True(UdpPorts.Held(port), "SIP listens while serving");
        Assert.Contains(_log, l => l.Contains($"call sip:12333@127.0.0.1:{port}"));

        await server.DisposeAsync();

        Assert.False(UdpPorts.Held(port), "the SIP port is free once the server is stopped");
        Assert.Contains("stopped", _log);
    }

    [Fact]
    public async Task StartAsync_BrokenQueueFile_RefusesToStartNamingTheFileAndLine()
    {
        var queues = Path.Combine(_files.Root, "queues.yaml");
        File.WriteAllText(queues, "queues: [unclosed\n");

        var refused = await Assert.ThrowsAsync<ServerStartException>(() =>
            IvrServer.StartAsync(Options() with { QueueFile = queues }, _log.Enqueue, CancellationToken.None));

        Assert.StartsWith($"queues: {queues}:", refused.Message);
    }

    [Fact]
    public async Task StartAsync_SipPortTaken_RefusesToStart_AndStopsWhatItStarted()
    {
        using var taken = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        taken.Bind(new IPEndPoint(IPAddress.Any, 0));
        var port = ((IPEndPoint)taken.LocalEndPoint!).Port;

        var refused = await Assert.ThrowsAsync<ServerStartException>(() =>
            IvrServer.StartAsync(Options() with { SipPort = port }, _log.Enqueue, CancellationToken.None));

        Assert.StartsWith($"cannot listen for SIP on port {port}:", refused.Message);
        Assert.DoesNotContain(_log, l => l.StartsWith("stopping ", StringComparison.Ordinal)); // every started part stopped cleanly
    }

    [Fact]
    public async Task CallbackDueDate_FollowsAnEditedCalendar_WithoutARestart()
    {
        // Monday 23 November 2026: five working days on is Monday the 30th, until the calendar makes the 24th a holiday.
        await using var server = await IvrServer.StartAsync(Options(clockStart: "2026-11-23T10:00:00+08:00"), _log.Enqueue, CancellationToken.None);
        Assert.Equal("2026-11-30", await NewFollowUpDueDate(server, "before"));
        var served = server.Flows.Current!.Version;

        _files.Edit("calendar.yaml", y => y.Replace(
            "  - { name: 国庆节, from: 2026-10-01, to: 2026-10-07 }",
            "  - { name: 国庆节, from: 2026-10-01, to: 2026-10-07 }\n  - { name: 测试假日, from: 2026-11-24, to: 2026-11-24 }"));
        Assert.True(server.Flows.Reload());

        Assert.NotEqual(served, server.Flows.Current!.Version);
        Assert.Equal("2026-12-01", await NewFollowUpDueDate(server, "after"));
    }

    private static async Task<string> NewFollowUpDueDate(IvrServer server, string callId)
    {
        var result = await server.Lookups.ExecuteAsync("followup.create", new Dictionary<string, string> { ["call_id"] = callId, ["reason"] = "test" },
            CancellationToken.None);
        Assert.Equal("ok", result.Outcome);
        return result.Outputs["due_date"];
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _files.Dispose();
    }
}
