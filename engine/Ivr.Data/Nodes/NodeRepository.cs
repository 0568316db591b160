using System.Data;
using Dapper;

namespace Ivr.Data.Nodes;

/// <summary>
/// The SQL of <c>nodes</c> and of closing the calls a dead node left open. Declaring nodes lost is one
/// conditional UPDATE (<c>lost_at IS NULL</c>), so when two survivors look at once only one of them gets
/// each lost node back and closes its calls.
/// </summary>
public sealed class NodeRepository(IDbConnection connection, IDbTransaction? transaction = null)
{
    private const string Columns = """
        id AS Id, address AS Address, instance AS Instance, started_at AS StartedAt, last_seen AS LastSeen, calls_up AS CallsUp,
        flow_version AS FlowVersion, draining AS Draining, stopped_at AS StoppedAt, lost_at AS LostAt
        """;

    public async Task<NodeRecord?> FindAsync(string id, CancellationToken cancellation)
        => (await connection.QueryAsync<Row>(Command($"SELECT {Columns} FROM nodes WHERE id = @id;", new { id }, cancellation)))
            .Select(r => r.ToRecord()).FirstOrDefault();

    /// <summary>Every node ever registered, by id.</summary>
    public async Task<IReadOnlyList<NodeRecord>> ListAsync(CancellationToken cancellation)
        => [.. (await connection.QueryAsync<Row>(Command($"SELECT {Columns} FROM nodes ORDER BY id;", null, cancellation))).Select(r => r.ToRecord())];

    /// <summary>Takes the id for <paramref name="beat"/>'s instance, starting now: the row is written whole, whoever held it before.</summary>
    public Task RegisterAsync(NodeBeat beat, CancellationToken cancellation)
        => connection.ExecuteAsync(Command("""
            INSERT INTO nodes (id, address, instance, started_at, last_seen, calls_up, flow_version, draining, stopped_at, lost_at)
            VALUES (@Id, @Address, @Instance, @At, @At, @CallsUp, @FlowVersion, @Draining, NULL, NULL)
            ON CONFLICT (id) DO UPDATE SET address = excluded.address, instance = excluded.instance, started_at = excluded.started_at,
                last_seen = excluded.last_seen, calls_up = excluded.calls_up, flow_version = excluded.flow_version,
                draining = excluded.draining, stopped_at = NULL, lost_at = NULL;
            """, Parameters(beat), cancellation));

    /// <summary>Refreshes the row while <paramref name="beat"/>'s instance still holds the id.</summary>
    /// <returns>False when another process has taken the id over.</returns>
    public async Task<bool> BeatAsync(NodeBeat beat, CancellationToken cancellation)
        => await connection.ExecuteAsync(Command("""
            UPDATE nodes SET address = @Address, last_seen = @At, calls_up = @CallsUp, flow_version = @FlowVersion,
                draining = @Draining, stopped_at = NULL, lost_at = NULL
            WHERE id = @Id AND instance = @Instance;
            """, Parameters(beat), cancellation)) == 1;

    /// <summary>Says the node stopped cleanly (no call left up), unless another process holds the id by now.</summary>
    public Task MarkStoppedAsync(string id, string instance, DateTimeOffset at, CancellationToken cancellation)
        => connection.ExecuteAsync(Command(
            "UPDATE nodes SET stopped_at = @at, last_seen = @at, calls_up = 0, draining = 0 WHERE id = @id AND instance = @instance;",
            new { id, instance, at = DbTime.ToText(at) }, cancellation));

    /// <summary>Declares lost every running node silent since before <paramref name="silentSince"/> and not yet declared.</summary>
    /// <returns>The ids this call declared (none that another survivor declared first).</returns>
    public async Task<IReadOnlyList<string>> DeclareLostAsync(DateTimeOffset silentSince, DateTimeOffset now, CancellationToken cancellation)
        => [.. await connection.QueryAsync<string>(Command("""
            UPDATE nodes SET lost_at = @now
            WHERE lost_at IS NULL AND stopped_at IS NULL AND last_seen < @silentSince
            RETURNING id;
            """, new { silentSince = DbTime.ToText(silentSince), now = DbTime.ToText(now) }, cancellation))];

    /// <summary>
    /// Ends, as of <paramref name="at"/>, every call of <paramref name="node"/> still open in the records (with
    /// <paramref name="unassigned"/>, also those recorded before calls named their node), each with a
    /// <c>CallEnded</c> event carrying <paramref name="disposition"/> and <paramref name="detail"/>.
    /// </summary>
    /// <returns>How many calls were closed.</returns>
    public async Task<int> CloseOpenCallsAsync(string node, bool unassigned, DateTimeOffset at, string disposition, string detail, CancellationToken cancellation)
    {
        var whose = unassigned ? "(node = @node OR node IS NULL)" : "node = @node";
        var values = new { node, at = DbTime.ToText(at), disposition, detail };
        await connection.ExecuteAsync(Command($"""
            INSERT INTO call_events (call_id, seq, at, kind, node, outcome, detail, flow_version)
            SELECT id, COALESCE((SELECT MAX(e.seq) FROM call_events e WHERE e.call_id = calls.id), -1) + 1,
                   @at, 'CallEnded', NULL, @disposition, @detail, flow_version
            FROM calls WHERE ended_at IS NULL AND {whose};
            """, values, cancellation));
        return await connection.ExecuteAsync(Command(
            $"UPDATE calls SET ended_at = @at, disposition = @disposition WHERE ended_at IS NULL AND {whose};", values, cancellation));
    }

    private static object Parameters(NodeBeat beat) => new
    {
        beat.Id,
        beat.Address,
        beat.Instance,
        At = DbTime.ToText(beat.At),
        beat.CallsUp,
        beat.FlowVersion,
        Draining = beat.Draining ? 1 : 0,
    };

    private CommandDefinition Command(string sql, object? parameters, CancellationToken cancellation)
        => new(sql, parameters, transaction, cancellationToken: cancellation);

    private sealed class Row
    {
        public string Id { get; set; } = "";
        public string Address { get; set; } = "";
        public string Instance { get; set; } = "";
        public string StartedAt { get; set; } = "";
        public string LastSeen { get; set; } = "";
        public long CallsUp { get; set; }
        public string? FlowVersion { get; set; }
        public long Draining { get; set; }
        public string? StoppedAt { get; set; }
        public string? LostAt { get; set; }

        public NodeRecord ToRecord() => new(Id, Address, Instance, DbTime.FromText(StartedAt), DbTime.FromText(LastSeen), (int)CallsUp,
            FlowVersion, Draining != 0, DbTime.FromNullableText(StoppedAt), DbTime.FromNullableText(LostAt));
    }
}
