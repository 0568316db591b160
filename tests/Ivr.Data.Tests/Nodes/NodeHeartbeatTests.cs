using System.Collections.Concurrent;
using Ivr.Core.Calls;
using Ivr.Data.Calls;
using Ivr.Data.Nodes;
using Microsoft.Extensions.Time.Testing;

namespace Ivr.Data.Tests.Nodes;

/// <summary>Nodes on one database: a node's start claims its id (refusing a live duplicate) and closes its own
/// leftover calls <c>server_lost</c>; its heartbeat declares silent nodes lost once and closes their calls <c>node_lost</c>.</summary>
public abstract class NodeHeartbeatTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 10, 0, 0, TimeSpan.FromHours(8));
    private readonly TestDatabase _file;
    private readonly IvrDatabase _database;
    private readonly FakeTimeProvider _time = new(T0);
    private readonly ConcurrentQueue<string> _log = new();

    protected NodeHeartbeatTests(TestDatabase file)
    {
        _file = file;
        _database = file.Open();
    }

    [SkippableFact]
    public async Task Claim_NewNode_WritesItsRowLive()
    {
        var node = Heartbeat("node1", "127.0.0.2", new NodeGauges(() => 3, () => "v7", () => true));

        Assert.Equal(0, await NodeRegistration.ClaimAsync(_database, node.Now(), default));

        var row = await Find("node1");
        Assert.Equal(("127.0.0.2", T0, T0, 3, "v7", true), (row.Address, row.StartedAt, row.LastSeen, row.CallsUp, row.FlowVersion, row.Draining));
        Assert.Equal(NodeState.Live, row.StateAt(T0, NodeHeartbeat.LossTimeout));
    }

    [SkippableFact]
    public async Task Claim_IdHeldByAnotherLiveProcess_Refused()
    {
        await NodeRegistration.ClaimAsync(_database, Heartbeat("node1", instance: "elsewhere/4242/1").Now(), default);
        _time.Advance(NodeHeartbeat.LossTimeout - TimeSpan.FromSeconds(1));

        var refused = await Assert.ThrowsAsync<NodeIdTakenException>(() => NodeRegistration.ClaimAsync(_database, Heartbeat("node1").Now(), default));

        Assert.Contains("node id 'node1' is already serving: elsewhere/4242/1", refused.Message);
        Assert.Equal("elsewhere/4242/1", (await Find("node1")).Instance);
    }

    [SkippableFact]
    public async Task Claim_IdSilentPastTheLossTimeout_TakenOver()
    {
        await NodeRegistration.ClaimAsync(_database, Heartbeat("node1", instance: "elsewhere/4242/1").Now(), default);
        _time.Advance(NodeHeartbeat.LossTimeout + TimeSpan.FromSeconds(1));

        await NodeRegistration.ClaimAsync(_database, Heartbeat("node1").Now(), default);

        Assert.Equal(NodeInstance.Current, (await Find("node1")).Instance);
    }

    [SkippableFact]
    public async Task Claim_IdOfAProcessOfThisHostThatIsGone_TakenOverAtOnce()
    {
        var crashed = $"{Environment.MachineName}/{int.MaxValue - 1}/1"; // no such pid: the earlier run was killed
        await NodeRegistration.ClaimAsync(_database, Heartbeat("node1", instance: crashed).Now(), default);
        _time.Advance(TimeSpan.FromSeconds(1));

        await NodeRegistration.ClaimAsync(_database, Heartbeat("node1").Now(), default);

        Assert.Equal((NodeInstance.Current, T0.AddSeconds(1)), ((await Find("node1")).Instance, (await Find("node1")).StartedAt));
    }

    [SkippableFact]
    public async Task Claim_ClosesItsOwnAndUnassignedOpenCallsServerLost_NotOtherNodes()
    {
        await Record("node1", "mine", ended: false);
        await Record("node1", "mine-ended", ended: true);
        await Record(null, "before-nodes", ended: false);
        await Record("node2", "theirs", ended: false);
        _time.Advance(TimeSpan.FromMinutes(3));

        Assert.Equal(2, await NodeRegistration.ClaimAsync(_database, Heartbeat("node1").Now(), default));

        var history = new SqliteCallHistory(_database);
        Assert.Equal(("server_lost", T0.AddMinutes(3)), Ended(history, "mine"));
        Assert.Equal(("server_lost", T0.AddMinutes(3)), Ended(history, "before-nodes"));
        Assert.Equal(("completed", T0.AddSeconds(20)), Ended(history, "mine-ended"));
        Assert.Null(history.Find("theirs")!.EndedAt);
        var last = history.Events("mine")[^1];
        Assert.Equal((2, CallEventKind.CallEnded, "server_lost"), (last.Sequence, last.Kind, last.Outcome));
    }

    [SkippableFact]
    public async Task Beat_NodeSilentOverFifteenSeconds_DeclaredLostAndItsCallsClosedNodeLost()
    {
        var dead = Heartbeat("dead", instance: "elsewhere/1/1");
        await NodeRegistration.ClaimAsync(_database, dead.Now(), default);
        await Record("dead", "held", ended: false);
        await Record("dead", "done", ended: true);
        var survivor = Heartbeat("survivor");
        await NodeRegistration.ClaimAsync(_database, survivor.Now(), default);

        _time.Advance(NodeHeartbeat.LossTimeout); // silent exactly 15 s: not yet
        await survivor.BeatAsync(default);
        Assert.Equal(0, survivor.NodesDeclaredLost);
        Assert.Null(new SqliteCallHistory(_database).Find("held")!.EndedAt);

        _time.Advance(TimeSpan.FromSeconds(1));
        await survivor.BeatAsync(default);

        var history = new SqliteCallHistory(_database);
        Assert.Equal(("node_lost", _time.GetUtcNow()), Ended(history, "held"));
        Assert.Equal(("completed", T0.AddSeconds(20)), Ended(history, "done"));
        Assert.Equal("node_lost", history.Events("held")[^1].Outcome);
        Assert.Equal((1, 1), (survivor.NodesDeclaredLost, survivor.CallsClosed));
        Assert.Equal(NodeState.Lost, (await Find("dead")).StateAt(_time.GetUtcNow(), NodeHeartbeat.LossTimeout));
        Assert.Equal(NodeState.Live, (await Find("survivor")).StateAt(_time.GetUtcNow(), NodeHeartbeat.LossTimeout));
        Assert.Single(_log, l => l.StartsWith("node dead lost: no heartbeat for over 15 s; 1 call(s)", StringComparison.Ordinal));

        await survivor.BeatAsync(default); // declared once only
        Assert.Equal(1, survivor.NodesDeclaredLost);
    }

    [SkippableFact]
    public async Task TwoSurvivorsBeatingAtOnce_OnlyOneDeclaresTheLostNode()
    {
        await NodeRegistration.ClaimAsync(_database, Heartbeat("dead", instance: "elsewhere/1/1").Now(), default);
        for (var i = 0; i < 5; i++) await Record("dead", $"held{i}", ended: false);
        _time.Advance(NodeHeartbeat.LossTimeout + TimeSpan.FromSeconds(1));
        var survivors = new[] { Heartbeat("a", instance: "elsewhere/2/1"), Heartbeat("b", instance: "elsewhere/3/1") };
        foreach (var survivor in survivors) await NodeRegistration.ClaimAsync(_database, survivor.Now(), default);

        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var beats = survivors.Select(s => Task.Run(async () => { await start.Task; await s.BeatAsync(default); })).ToList();
        start.SetResult();
        await Task.WhenAll(beats).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(1, survivors.Sum(s => s.NodesDeclaredLost));
        Assert.Equal(5, survivors.Sum(s => s.CallsClosed));
        var history = new SqliteCallHistory(_database);
        for (var i = 0; i < 5; i++) Assert.Single(history.Events($"held{i}"), e => e.Kind == CallEventKind.CallEnded);
    }

    [SkippableFact]
    public async Task Started_BeatsEveryFiveSecondsOnTheNodesClock_AndStopsMarked()
    {
        var calls = 0;
        var heartbeat = Heartbeat("node1", gauges: new NodeGauges(() => calls, () => "v7", () => false));
        await NodeRegistration.ClaimAsync(_database, heartbeat.Now(), default);
        heartbeat.Start();

        calls = 4;
        _time.Advance(NodeHeartbeat.Interval);
        Assert.True(await Until(async () => (await Find("node1")).LastSeen == T0 + NodeHeartbeat.Interval), "the first beat after 5 s");
        Assert.Equal(4, (await Find("node1")).CallsUp);

        await heartbeat.DisposeAsync();
        _time.Advance(NodeHeartbeat.LossTimeout * 2);
        var row = await Find("node1");
        Assert.Equal(NodeState.Stopped, row.StateAt(_time.GetUtcNow(), NodeHeartbeat.LossTimeout));
        Assert.Equal(0, row.CallsUp);
        var other = Heartbeat("other");
        await NodeRegistration.ClaimAsync(_database, other.Now(), default);
        await other.BeatAsync(default);
        Assert.Equal(0, other.NodesDeclaredLost); // a node that stopped cleanly is not lost
    }

    [SkippableFact]
    public async Task Beat_IdTakenOverByAnotherProcess_LogsOnceAndLeavesTheRow()
    {
        var displaced = Heartbeat("node1", instance: "elsewhere/1/1");
        await NodeRegistration.ClaimAsync(_database, displaced.Now(), default);
        _time.Advance(NodeHeartbeat.LossTimeout + TimeSpan.FromSeconds(1));
        await NodeRegistration.ClaimAsync(_database, Heartbeat("node1").Now(), default);

        await displaced.BeatAsync(default);
        await displaced.BeatAsync(default);

        Assert.Equal(NodeInstance.Current, (await Find("node1")).Instance);
        Assert.Single(_log, l => l.Contains("another process has taken this node id over", StringComparison.Ordinal));
    }

    private NodeHeartbeat Heartbeat(string id, string address = "127.0.0.1", NodeGauges? gauges = null, string? instance = null)
        => new(_database, id, address, gauges ?? NodeGauges.Idle, _time, _log.Enqueue, instance);

    private async Task<NodeRecord> Find(string id)
    {
        await using var connection = await _database.OpenConnectionAsync(default);
        return await new NodeRepository(connection).FindAsync(id, default) ?? throw new InvalidOperationException($"no row for {id}");
    }

    /// <summary>A call answered by <paramref name="node"/> at T0 with two events, ended 20 s later or still open.</summary>
    private async Task Record(string? node, string callId, bool ended)
    {
        await using var recorder = new SqliteCallRecorder(_database, node: node);
        recorder.CallStarted(new CallStart(callId, "13012345273", "12333", "v7", "main", T0));
        recorder.Append(new CallEvent(callId, 0, T0, CallEventKind.CallStarted, "v7"));
        recorder.Append(new CallEvent(callId, 1, T0.AddSeconds(1), CallEventKind.NodeEntered, "v7", "main.menu"));
        if (ended) recorder.CallEnded(callId, T0.AddSeconds(20), "completed");
        await recorder.FlushAsync(default);
        Assert.Equal(0, recorder.Failed);
    }

    private static (string?, DateTimeOffset?) Ended(SqliteCallHistory history, string callId)
    {
        var call = history.Find(callId)!;
        return (call.Disposition, call.EndedAt);
    }

    private static async Task<bool> Until(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            if (await condition()) return true;
            await Task.Delay(20);
        }
        return false;
    }

    public void Dispose() => _file.Dispose();
}

public sealed class NodeHeartbeatOnSqliteTests() : NodeHeartbeatTests(new TempDatabase());

[Collection(PostgresCollection.Name)]
public sealed class NodeHeartbeatOnPostgresTests(PostgresServer server) : NodeHeartbeatTests(server.NewDatabase());
