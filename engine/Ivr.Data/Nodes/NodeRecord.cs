namespace Ivr.Data.Nodes;

/// <summary>A <c>nodes</c> row: one node as its last heartbeat left it.</summary>
/// <param name="Instance">The process holding the id (<see cref="NodeInstance"/>).</param>
public sealed record NodeRecord(
    string Id,
    string Address,
    string Instance,
    DateTimeOffset StartedAt,
    DateTimeOffset LastSeen,
    int CallsUp,
    string? FlowVersion,
    bool Draining,
    DateTimeOffset? StoppedAt,
    DateTimeOffset? LostAt)
{
    /// <summary>Stopped when it said so; lost when declared lost or silent longer than <paramref name="lossTimeout"/>; live otherwise.</summary>
    public NodeState StateAt(DateTimeOffset now, TimeSpan lossTimeout)
        => StoppedAt is not null ? NodeState.Stopped
            : LostAt is not null || now - LastSeen > lossTimeout ? NodeState.Lost
            : NodeState.Live;
}
