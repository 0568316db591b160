using Ivr.Core.Calls;
using Ivr.Host.Hosting;

namespace Ivr.Host.Tests.Hosting;

/// <summary>The calls in progress for the console: kept from the calls' events, a waiter woken by the next change, and a
/// node entered costing only the call's new snapshot when nobody waits (issue 13: a new wake-up task and the flow's name
/// cut out again on every node of every held call).</summary>
public sealed class LiveCallsTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 3, 9, 30, 0, TimeSpan.FromHours(8));
    private readonly LiveCalls _live = new(new NoRecorder());

    public LiveCallsTests() => _live.CallStarted(new CallStart("c1", "13012345273", "12333", "v7", "main", T0));

    [Fact]
    public async Task WaitForChange_WokenByTheNextNodeAndSeesIt()
    {
        var version = _live.Snapshot().Version;
        var waiting = _live.WaitForChangeAsync(version, CancellationToken.None);
        Assert.False(waiting.IsCompleted);

        _live.Append(new CallEvent("c1", 0, T0, CallEventKind.NodeEntered, "v7", "pension.ask_id"));

        await waiting.WaitAsync(TimeSpan.FromSeconds(10));
        var call = Assert.Single(_live.Snapshot().Calls);
        Assert.Equal(("pension", "pension.ask_id", "130*****273"), (call.Flow, call.Node, call.CallerMasked));
    }

    [Fact]
    public async Task WaitForChange_OlderVersion_CompletedAtOnce()
    {
        var version = _live.Snapshot().Version;
        _live.Append(new CallEvent("c1", 0, T0, CallEventKind.NodeEntered, "v7", "main.menu"));
        _live.Append(new CallEvent("c1", 1, T0, CallEventKind.NodeEntered, "v7", "main.other"));

        Assert.True(_live.WaitForChangeAsync(version, CancellationToken.None).IsCompleted);
        var waiting = _live.WaitForChangeAsync(_live.Snapshot().Version, CancellationToken.None);
        _live.CallEnded("c1", T0, "completed");
        await waiting.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Empty(_live.Snapshot().Calls);
    }

    [Fact]
    public void NodesEntered_NobodyWaiting_AllocateNothing()
    {
        const int events = 200;
        var nodes = Enumerable.Range(0, 4 * events).Select(i => new CallEvent("c1", i, T0, CallEventKind.NodeEntered, "v7", i % 3 == 0 ? $"pension.node{i % 7}" : $"main.node{i % 7}")).ToArray();
        var next = 0;
        long Pass()
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < events; i++) _live.Append(nodes[next++]);
            return GC.GetAllocatedBytesForCurrentThread() - before;
        }

        Pass();
        var least = Math.Min(Pass(), Math.Min(Pass(), Pass()));

        // Before: a new LiveCall (80 B) per node, the subflow's name cut out again, and (earlier still) a TaskCompletionSource.
        Assert.True(least == 0, $"{least} bytes for {events} nodes entered ({(double)least / events:0.0} per node)");
        var call = Assert.Single(_live.Snapshot().Calls);
        Assert.Equal(nodes[next - 1].Node, call.Node);
        var node = call.Node!;
        Assert.Equal(node[..node.IndexOf('.')], call.Flow);
    }

    private sealed class NoRecorder : ICallRecorder
    {
        public void CallStarted(CallStart start) { }

        public void Append(CallEvent callEvent) { }

        public void CallEnded(string callId, DateTimeOffset at, string disposition) { }
    }
}
