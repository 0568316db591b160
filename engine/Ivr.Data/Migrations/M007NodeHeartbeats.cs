namespace Ivr.Data.Migrations;

/// <summary>
/// Nodes know each other: one <c>nodes</c> row per node, kept fresh by its heartbeat (<c>last_seen</c>,
/// calls up, the flow version it serves, whether it drains). <c>instance</c> names the process holding the
/// id (host/pid/start), so a restart after a crash is told apart from a second node started with the same
/// id. A node that stops cleanly sets <c>stopped_at</c>; a survivor that declares a silent node lost sets
/// <c>lost_at</c> (one conditional UPDATE, so only one survivor does) and closes its open calls.
/// <c>calls.node</c> is the node that answered the call (NULL for calls recorded before this step).
/// </summary>
internal static class M007NodeHeartbeats
{
    public static readonly Migration Migration = new(7, "node heartbeats", """
        CREATE TABLE nodes (
            id           TEXT PRIMARY KEY,
            address      TEXT NOT NULL,
            instance     TEXT NOT NULL,
            started_at   TEXT NOT NULL,
            last_seen    TEXT NOT NULL,
            calls_up     INTEGER NOT NULL DEFAULT 0,
            flow_version TEXT,
            draining     INTEGER NOT NULL DEFAULT 0,
            stopped_at   TEXT,
            lost_at      TEXT
        );

        ALTER TABLE calls ADD COLUMN node TEXT;
        CREATE INDEX ix_calls_open_by_node ON calls (node) WHERE ended_at IS NULL;
        """);
}
