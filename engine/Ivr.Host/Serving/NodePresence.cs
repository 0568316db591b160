using System.Data.Common;
using Ivr.Data;
using Ivr.Data.Nodes;
using Ivr.Host.Hosting;

namespace Ivr.Host.Serving;

/// <summary>
/// The node among the others on its database: before it answers a call it claims its id (refusing to start when a
/// live process holds it) and closes the calls its own earlier run left open (<c>server_lost</c>); once SIP listens,
/// its heartbeat keeps its row fresh every 5 s and closes the calls of nodes that went silent (<c>node_lost</c>).
/// </summary>
internal static class NodePresence
{
    public static async Task ClaimAsync(ServeOptions options, IvrDatabase database, FlowSetHost flows, TimeProvider clock, Action<string> log,
        CancellationToken cancellation)
    {
        var beat = new NodeBeat(options.NodeId, $"{options.Address}:{options.SipPort}", NodeInstance.Current, clock.GetUtcNow(), 0,
            flows.Current?.Version, Draining: false);
        int closed;
        try
        {
            closed = await NodeRegistration.ClaimAsync(database, beat, cancellation);
        }
        catch (NodeIdTakenException e)
        {
            throw new ServerStartException(e.Message);
        }
        catch (DbException e)
        {
            throw new ServerStartException($"database: cannot register node '{options.NodeId}': {e.Message}");
        }

        log($"node {options.NodeId}{(options.GivenNodeId is null ? " (derived; --node-id names it)" : "")}");
        if (closed > 0) log($"node {options.NodeId}: {closed} call(s) left open by an earlier run closed as {LostCallDispositions.ServerLost}");
    }

    /// <param name="draining">Whether the node drains now (fed by the drain; false until then).</param>
    public static async Task<NodeHeartbeat> StartHeartbeatAsync(ServeOptions options, int sipPort, IvrDatabase database, LiveCalls live,
        FlowSetHost flows, Func<bool> draining, TimeProvider clock, Action<string> log)
    {
        var heartbeat = new NodeHeartbeat(database, options.NodeId, $"{options.Address}:{sipPort}",
            new NodeGauges(() => live.Count, () => flows.Current?.Version, draining), clock, log);
        try
        {
            await heartbeat.BeatAsync(CancellationToken.None); // the real SIP port at once, then every 5 s
        }
        catch (DbException e)
        {
            log($"node {options.NodeId}: first heartbeat not written ({e.Message}); trying again every {NodeHeartbeat.Interval.TotalSeconds:0} s");
        }

        return heartbeat.Start();
    }
}
