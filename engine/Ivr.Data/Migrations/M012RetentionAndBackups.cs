namespace Ivr.Data.Migrations;

/// <summary>
/// Retention and scheduled backups (issue 17). <c>voice_messages.recording_pruned_at</c>: when retention deleted the
/// message's audio (the row stays, for the callback history and the statistics). <c>maintenance_claims</c>: one row per
/// daily job (<c>retention</c>, <c>backup</c>); a node claims the day's run with one conditional upsert, so in cluster
/// mode only one node runs it. <c>retention_marks</c>: how far call events have been pruned (calls started before
/// <c>pruned_before</c> have none left), so a run walks only the calls it has not pruned yet. <c>backup_runs</c>: every
/// backup, scheduled or by hand, with where it went and its size; the console shows the last success.
/// </summary>
internal static class M012RetentionAndBackups
{
    public static readonly Migration Migration = new(12, "retention and scheduled backups", """
        ALTER TABLE voice_messages ADD COLUMN recording_pruned_at TEXT;

        CREATE TABLE maintenance_claims (
            job        TEXT PRIMARY KEY,
            day        TEXT NOT NULL,
            node       TEXT NOT NULL,
            claimed_at TEXT NOT NULL
        );

        CREATE TABLE retention_marks (
            kind          TEXT PRIMARY KEY,
            pruned_before TEXT NOT NULL
        );

        CREATE TABLE backup_runs (
            id          INTEGER PRIMARY KEY,
            started_at  TEXT NOT NULL,
            finished_at TEXT NOT NULL,
            node        TEXT NOT NULL,
            trigger     TEXT NOT NULL CHECK (trigger IN ('scheduled', 'manual')),
            outcome     TEXT NOT NULL CHECK (outcome IN ('ok', 'failed')),
            file        TEXT NOT NULL,
            bytes       INTEGER NOT NULL DEFAULT 0,
            detail      TEXT
        );
        CREATE INDEX ix_backup_runs_outcome ON backup_runs (outcome, finished_at);
        """);
}
