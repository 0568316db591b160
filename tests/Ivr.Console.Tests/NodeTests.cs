using System.Net;
using System.Text.Json;
using Ivr.Data.Nodes;
using Ivr.OperationsConsole.Tests.Support;

namespace Ivr.OperationsConsole.Tests;

/// <summary><c>/api/nodes</c>: every node of the database with its state on the console's clock.</summary>
public sealed class NodeTests : IAsyncLifetime
{
    private ConsoleTestServer _server = null!;

    public async Task InitializeAsync() => _server = await ConsoleTestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Nodes_LiveLostAndStopped_EachWithItsFigures()
    {
        var now = _server.Time.GetUtcNow();
        await Register(new NodeBeat("node-a", "127.0.0.2:5060", "h/1/1", now - TimeSpan.FromSeconds(3), 4, "v7", Draining: true));
        await Register(new NodeBeat("node-b", "127.0.0.3:5060", "h/2/1", now - TimeSpan.FromSeconds(16), 2, "v7", Draining: false));
        await Register(new NodeBeat("node-c", "127.0.0.4:5060", "h/3/1", now - TimeSpan.FromMinutes(5), 0, "v6", Draining: false));
        await using (var connection = await _server.Database.OpenConnectionAsync(default))
            await new NodeRepository(connection).MarkStoppedAsync("node-c", "h/3/1", now - TimeSpan.FromMinutes(4), default);
        using var agent = await _server.SignedInAsync("agent");

        var response = await agent.GetAsync("api/nodes");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var nodes = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("nodes").EnumerateArray()
            .Select(n => (n.GetProperty("id").GetString(), n.GetProperty("address").GetString(), n.GetProperty("state").GetString(),
                n.GetProperty("callsUp").GetInt32(), n.GetProperty("draining").GetBoolean(), n.GetProperty("flowVersion").GetString()))
            .ToList();
        Assert.Equal(
            [("node-a", "127.0.0.2:5060", "live", 4, true, "v7"), ("node-b", "127.0.0.3:5060", "lost", 0, false, "v7"),
             ("node-c", "127.0.0.4:5060", "stopped", 0, false, "v6")],
            nodes);
    }

    [Fact]
    public async Task Nodes_Editor_Forbidden()
    {
        using var editor = await _server.SignedInAsync("editor");

        Assert.Equal(HttpStatusCode.Forbidden, (await editor.GetAsync("api/nodes")).StatusCode);
    }

    private async Task Register(NodeBeat beat)
    {
        await using var connection = await _server.Database.OpenConnectionAsync(default);
        await new NodeRepository(connection).RegisterAsync(beat, default);
    }
}
