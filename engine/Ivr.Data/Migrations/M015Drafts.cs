namespace Ivr.Data.Migrations;

/// <summary>
/// Editors' drafts of the flow set (issue 15): a draft remembers the version it was opened from and holds only the
/// files it changed (<c>draft_files</c>, each with a revision for optimistic concurrency); review state, the written
/// reason for a failing replay check and the reviewer's comment live on the draft row.
/// </summary>
internal static class M015Drafts
{
    public static readonly Migration Migration = new(15, "editors' drafts of the flow set", """
        CREATE TABLE drafts (
            id                INTEGER PRIMARY KEY,
            title             TEXT NOT NULL,
            base_version      TEXT NOT NULL,
            author            TEXT NOT NULL,
            created_at        TEXT NOT NULL,
            updated_at        TEXT NOT NULL,
            state             TEXT NOT NULL,
            submit_reason     TEXT,
            check_report      TEXT,
            reviewer          TEXT,
            review_comment    TEXT,
            reviewed_at       TEXT,
            published_version TEXT
        );

        CREATE TABLE draft_files (
            draft_id   INTEGER NOT NULL REFERENCES drafts (id) ON DELETE CASCADE,
            path       TEXT NOT NULL,
            content    TEXT NOT NULL,
            revision   INTEGER NOT NULL,
            updated_by TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            PRIMARY KEY (draft_id, path)
        );
        """);
}
