using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Ivr.Data.Nodes;
using Ivr.Host.Cli;
using Ivr.Host.Serving;

namespace Ivr.Host.Tests.Serving;

/// <summary>The whole server composed and started in this process on free ports, with a private copy of the example flows and a new database.</summary>
public sealed class IvrServerTests : IDisposable
{
    private readonly ExampleFlows _files = new();
    private readonly ConcurrentQueue<string> _log = new();

    private ServeOptions Options(string? clockStart = null, string data = "data") => new()
    {
        Paths = new IvrPaths(_files.Flows, _files.Prompts, Path.Combine(_files.Root, data)),
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

    [Fact]
    public async Task TwoServersBoundToTwoLoopbackAddresses_SamePort_BothAnswer_EachWritingItsOwnAddress()
    {
        var first = IPAddress.Parse("127.0.0.2");
        var second = IPAddress.Parse("127.0.0.3");
        await using var one = await IvrServer.StartAsync(Options() with { Bind = first, Address = first }, _log.Enqueue, CancellationToken.None);
        var port = one.SipEndPoint.Port;
        await using var two = await IvrServer.StartAsync(Options(data: "data2") with { Bind = second, Address = second, SipPort = port },
            _log.Enqueue, CancellationToken.None);

        Assert.Equal(new IPEndPoint(second, port), two.SipEndPoint);
        Assert.Equal(("SIP/2.0 200 OK", new IPEndPoint(first, port)), await SipProbe.OptionsAsync(first, port));
        Assert.Equal(("SIP/2.0 200 OK", new IPEndPoint(second, port)), await SipProbe.OptionsAsync(second, port));
        await using var caller = new SipProbe();
        var call = await caller.CallAsync(second, port);
        Assert.Equal($"IN IP4 {second}", call.RemoteSdp!.Connection!.ToString());
        Assert.Contains(_log, l => l.Contains($"node {Environment.MachineName}-127.0.0.3-{port} (derived", StringComparison.Ordinal));
        call.Hangup();
    }

    [Fact]
    public async Task StartAsync_HeartBeatsItsRowWithTheRealSipPort_AndMarksItStoppedOnDispose()
    {
        var options = Options() with { GivenNodeId = "node-a" };
        var server = await IvrServer.StartAsync(options, _log.Enqueue, CancellationToken.None);
        var port = server.SipEndPoint.Port;
        var database = options.Paths.OpenDatabase();

        var live = await NodeRow(database, "node-a");
        Assert.Equal(($"127.0.0.1:{port}", NodeInstance.Current, server.Flows.Current!.Version), (live.Address, live.Instance, live.FlowVersion));
        Assert.Equal(NodeState.Live, live.StateAt(DateTimeOffset.UtcNow, NodeHeartbeat.LossTimeout));

        await server.DisposeAsync();

        Assert.Equal(NodeState.Stopped, (await NodeRow(database, "node-a")).StateAt(DateTimeOffset.UtcNow, NodeHeartbeat.LossTimeout));
    }

    private static async Task<NodeRecord> NodeRow(Ivr.Data.IvrDatabase database, string id)
    {
        await using var connection = await database.OpenConnectionAsync(CancellationToken.None);
        return await new NodeRepository(connection).FindAsync(id, CancellationToken.None) ?? throw new InvalidOperationException($"no row for {id}");
    }

    [Fact]
    public async Task StartAsync_NodeIdHeldByAnotherLiveProcess_RefusesToStartSayingWhy()
    {
        var options = Options() with { GivenNodeId = "node-a" };
        var database = options.Paths.OpenDatabase();
        await using (var connection = await database.OpenConnectionAsync(CancellationToken.None))
            await new NodeRepository(connection).RegisterAsync(
                new NodeBeat("node-a", "192.0.2.7:5060", "elsewhere/4242/1", DateTimeOffset.UtcNow, 2, null, false), CancellationToken.None);

        var refused = await Assert.ThrowsAsync<ServerStartException>(() => IvrServer.StartAsync(options, _log.Enqueue, CancellationToken.None));

        Assert.StartsWith("node id 'node-a' is already serving: elsewhere/4242/1 at 192.0.2.7:5060", refused.Message);
        Assert.Contains("another --node-id", refused.Message);
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
