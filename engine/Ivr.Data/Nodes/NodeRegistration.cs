namespace Ivr.Data.Nodes;

/// <summary>
/// A node's first word to the database, before it answers any call: it refuses to start when another live
/// process holds its id, takes the row over otherwise (a clean stop, a lost node, or its own earlier process
/// that crashed), and closes with <see cref="LostCallDispositions.ServerLost"/> the calls that earlier process
/// left open — so a <c>kill -9</c> and a restart leave no call "in progress", on SQLite as on PostgreSQL.
/// </summary>
public static class NodeRegistration
{
    /// <returns>How many calls left open by an earlier run were closed.</returns>
    /// <exception cref="NodeIdTakenException">The id is held by a process that heart-beat within <see cref="NodeHeartbeat.LossTimeout"/>
    /// and is not known to be gone.</exception>
    public static async Task<int> ClaimAsync(IvrDatabase database, NodeBeat node, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(node);
        await using var connection = await database.OpenConnectionAsync(cancellation).ConfigureAwait(false);
        await using var transaction = connection.BeginWrite();
        await connection.LockKeyAsync(transaction, "ivr", $"node:{node.Id}", cancellation).ConfigureAwait(false);
        var nodes = new NodeRepository(connection, transaction);
        if (await nodes.FindAsync(node.Id, cancellation).ConfigureAwait(false) is { } held && StillHeld(held, node))
            throw new NodeIdTakenException(
                $"node id '{node.Id}' is already serving: {held.Instance} at {held.Address} heart-beat {(node.At - held.LastSeen).TotalSeconds:0.#} s ago; " +
                "give this node another --node-id, or stop the other one first");
        await nodes.RegisterAsync(node, cancellation).ConfigureAwait(false);
        var closed = await nodes.CloseOpenCallsAsync(node.Id, unassigned: true, node.At, LostCallDispositions.ServerLost,
            "the server stopped without ending the call (crash or kill); closed when it started again", cancellation).ConfigureAwait(false);
        await transaction.CommitAsync(cancellation).ConfigureAwait(false);
        return closed;
    }

    private static bool StillHeld(NodeRecord held, NodeBeat claimant)
        => held.StateAt(claimant.At, NodeHeartbeat.LossTimeout) == NodeState.Live
            && held.Instance != claimant.Instance
            && !NodeInstance.IsGone(held.Instance);
}
