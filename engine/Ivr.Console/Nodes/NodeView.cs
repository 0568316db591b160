using Ivr.Data.Nodes;

namespace Ivr.OperationsConsole.Nodes;

/// <summary>One node as <c>/api/nodes</c> shows it.</summary>
internal sealed record NodeView(
    string Id,
    string Address,
    DateTimeOffset StartedAt,
    DateTimeOffset LastSeen,
    int CallsUp,
    string? FlowVersion,
    bool Draining,
    string State)
{
    public static NodeView Of(NodeRecord node, DateTimeOffset now)
    {
        var state = node.StateAt(now, NodeHeartbeat.LossTimeout);
        return new(node.Id, node.Address, node.StartedAt, node.LastSeen, state == NodeState.Live ? node.CallsUp : 0, node.FlowVersion,
            node.Draining && state == NodeState.Live, state.ToString().ToLowerInvariant());
    }
}
