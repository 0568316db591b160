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
    /// <summary>SQLite: <paramref name="table"/>, keyed by <paramref name="period"/> (<c>day</c> or <c>month</c>), rebuilt with the
    /// answering node in its key, its rows copied under "".</summary>
    private static string Rebuild(string table, string period) => $"""
        CREATE TABLE {table}_per_node (
            {period,-14} TEXT NOT NULL,
            flow_version   TEXT NOT NULL,
            answering_node TEXT NOT NULL,
            kind           TEXT NOT NULL,
            node           TEXT NOT NULL,
            next           TEXT NOT NULL,
            calls          INTEGER NOT NULL,
            PRIMARY KEY ({period}, flow_version, answering_node, kind, node, next)
        ) WITHOUT ROWID;
        INSERT INTO {table}_per_node ({period}, flow_version, answering_node, kind, node, next, calls)
            SELECT {period}, flow_version, '', kind, node, next, calls FROM {table};
        DROP TABLE {table};
        ALTER TABLE {table}_per_node RENAME TO {table};

        """;

    /// <summary>PostgreSQL: the answering node added to <paramref name="table"/>'s key, "" in the rows there.</summary>
    private static string AlterKey(string table, string period) => $"""
        ALTER TABLE {table} ADD COLUMN answering_node TEXT NOT NULL DEFAULT '';
        ALTER TABLE {table} ALTER COLUMN answering_node DROP DEFAULT;
        ALTER TABLE {table} DROP CONSTRAINT {table}_pkey;
        ALTER TABLE {table} ADD PRIMARY KEY ({period}, flow_version, answering_node, kind, node, next);

        """;

    private const string Pending = """
        CREATE TABLE rollup_path_nodes_pending (day TEXT PRIMARY KEY);
        INSERT INTO rollup_path_nodes_pending (day) SELECT DISTINCT day FROM rollup_paths;
        """;

    public static readonly Migration Migration = new(25, "path rollups per answering node",
        Rebuild("rollup_paths", "day") + Rebuild("rollup_path_months", "month") + Pending,
        AlterKey("rollup_paths", "day") + AlterKey("rollup_path_months", "month") + Pending);
}
