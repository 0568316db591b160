namespace Ivr.Data.Migrations;

/// <summary>
/// Flow sets published for every node (cluster mode): each file's bytes stored once under the SHA-256 of its
/// content (<c>flow_blobs</c>), a version as the list of its paths and their hashes (<c>published_flow_files</c>),
/// and the one version every node serves (<c>active_flow_set</c>, a single row).
/// </summary>
internal static class M010PublishedFlowSets
{
    public static readonly Migration Migration = new(10, "flow sets published for every node", """
        CREATE TABLE flow_blobs (
            hash    TEXT PRIMARY KEY,
            content BLOB NOT NULL
        );

        CREATE TABLE published_flow_sets (
            version      TEXT PRIMARY KEY,
            published_at TEXT NOT NULL,
            published_by TEXT NOT NULL,
            files        INTEGER NOT NULL,
            bytes        INTEGER NOT NULL
        );

        CREATE TABLE published_flow_files (
            version TEXT NOT NULL REFERENCES published_flow_sets (version) ON DELETE CASCADE,
            path    TEXT NOT NULL,
            hash    TEXT NOT NULL REFERENCES flow_blobs (hash),
            PRIMARY KEY (version, path)
        );

        CREATE TABLE active_flow_set (
            slot         TEXT PRIMARY KEY CHECK (slot = 'active'),
            version      TEXT NOT NULL REFERENCES published_flow_sets (version),
            activated_at TEXT NOT NULL,
            activated_by TEXT NOT NULL
        );
        """);
}
