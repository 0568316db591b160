namespace Ivr.Data.Migrations;

/// <summary>
/// The menu funnel and the last node before hang-up per answering node (issues 12 and 17): <c>rollup_paths</c> and
/// <c>rollup_path_months</c> gain <c>answering_node</c> (the call's <c>calls.node</c>, "" for none) in their key. SQLite
/// cannot change a primary key, so both tables are rebuilt (create, copy, drop, rename, all in this migration's
/// transaction; clustered by the key, <c>WITHOUT ROWID</c>, so a range of days is read in key order without a second
/// look-up per row); PostgreSQL alters the key. The rows already there are copied under <c>answering_node = ''</c>, and
/// every day they cover is listed in <c>rollup_path_nodes_pending</c>: <see cref="Rollups.RollupNodeSplit"/> (part of
/// <see cref="Rollups.RollupCatchUp"/>, which <c>ivr serve</c> runs at start) then splits each such day by node from
/// what the calls of that day keep (<c>calls.node</c>, <c>calls.path</c>), leaving under "" only what they cannot tell
/// (calls whose events were pruned before their path was kept) — the sums never change.
/// </summary>
internal static class M025PathRollupsPerNode
{
    private const string Sqlite = """
        CREATE TABLE rollup_paths_per_node (
            day            TEXT NOT NULL,
            flow_version   TEXT NOT NULL,
            answering_node TEXT NOT NULL,
            kind           TEXT NOT NULL,
            node           TEXT NOT NULL,
            next           TEXT NOT NULL,
            calls          INTEGER NOT NULL,
            PRIMARY KEY (day, flow_version, answering_node, kind, node, next)
        ) WITHOUT ROWID;
        INSERT INTO rollup_paths_per_node (day, flow_version, answering_node, kind, node, next, calls)
            SELECT day, flow_version, '', kind, node, next, calls FROM rollup_paths;
        DROP TABLE rollup_paths;
        ALTER TABLE rollup_paths_per_node RENAME TO rollup_paths;
        CREATE TABLE rollup_path_months_per_node (
            month          TEXT NOT NULL,
            flow_version   TEXT NOT NULL,
            answering_node TEXT NOT NULL,
            kind           TEXT NOT NULL,
            node           TEXT NOT NULL,
            next           TEXT NOT NULL,
            calls          INTEGER NOT NULL,
            PRIMARY KEY (month, flow_version, answering_node, kind, node, next)
        ) WITHOUT ROWID;
        INSERT INTO rollup_path_months_per_node (month, flow_version, answering_node, kind, node, next, calls)
            SELECT month, flow_version, '', kind, node, next, calls FROM rollup_path_months;
        DROP TABLE rollup_path_months;
        ALTER TABLE rollup_path_months_per_node RENAME TO rollup_path_months;
        """;

    private const string Postgres = """
        ALTER TABLE rollup_paths ADD COLUMN answering_node TEXT NOT NULL DEFAULT '';
        ALTER TABLE rollup_paths ALTER COLUMN answering_node DROP DEFAULT;
        ALTER TABLE rollup_paths DROP CONSTRAINT rollup_paths_pkey;
        ALTER TABLE rollup_paths ADD PRIMARY KEY (day, flow_version, answering_node, kind, node, next);
        ALTER TABLE rollup_path_months ADD COLUMN answering_node TEXT NOT NULL DEFAULT '';
        ALTER TABLE rollup_path_months ALTER COLUMN answering_node DROP DEFAULT;
        ALTER TABLE rollup_path_months DROP CONSTRAINT rollup_path_months_pkey;
        ALTER TABLE rollup_path_months ADD PRIMARY KEY (month, flow_version, answering_node, kind, node, next);
        """;

    private const string Pending = """
        CREATE TABLE rollup_path_nodes_pending (day TEXT PRIMARY KEY);
        INSERT INTO rollup_path_nodes_pending (day) SELECT DISTINCT day FROM rollup_paths;
        """;

    public static readonly Migration Migration = new(25, "path rollups per answering node", Sqlite + Pending, Postgres + Pending);
}
