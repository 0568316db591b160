namespace Ivr.Data.Migrations;

/// <summary>
/// The operations console: its users (PBKDF2 password hashes, never passwords), sessions (only the
/// SHA-256 of the cookie token is stored), failed sign-ins for rate limiting, the access log of every
/// look at caller data and every refusal, every flow-set version served with its files' text, and who
/// works which voice message or follow-up. Version 5: version 4 belongs to the fax jobs and may land
/// before or after this one (the runner applies whatever is missing, in order).
/// </summary>
internal static class M005Console
{
    public static readonly Migration Migration = new(5, "operations console", """
        CREATE TABLE console_users (
            id            INTEGER PRIMARY KEY,
            name          TEXT NOT NULL UNIQUE,
            role          TEXT NOT NULL CHECK (role IN ('agent', 'supervisor', 'editor', 'admin')),
            password_hash TEXT NOT NULL,
            disabled      INTEGER NOT NULL DEFAULT 0,
            created_at    TEXT NOT NULL,
            last_sign_in  TEXT
        );

        CREATE TABLE console_sessions (
            token_hash   TEXT PRIMARY KEY,
            user_id      INTEGER NOT NULL REFERENCES console_users (id) ON DELETE CASCADE,
            csrf_token   TEXT NOT NULL,
            created_at   TEXT NOT NULL,
            last_seen_at TEXT NOT NULL,
            ip           TEXT NOT NULL
        );
        CREATE INDEX ix_console_sessions_user ON console_sessions (user_id);

        CREATE TABLE console_sign_in_failures (
            subject TEXT NOT NULL,
            at      TEXT NOT NULL
        );
        CREATE INDEX ix_console_sign_in_failures ON console_sign_in_failures (subject, at);

        CREATE TABLE console_access_log (
            id      INTEGER PRIMARY KEY,
            at      TEXT NOT NULL,
            user_name TEXT,
            ip      TEXT NOT NULL,
            action  TEXT NOT NULL,
            target  TEXT NOT NULL,
            outcome TEXT NOT NULL,
            detail  TEXT
        );
        CREATE INDEX ix_console_access_log_at ON console_access_log (at);

        CREATE TABLE flow_versions (
            version          TEXT PRIMARY KEY,
            first_loaded_at  TEXT NOT NULL,
            last_loaded_at   TEXT NOT NULL
        );

        CREATE TABLE flow_version_files (
            version TEXT NOT NULL REFERENCES flow_versions (version) ON DELETE CASCADE,
            path    TEXT NOT NULL,
            content TEXT NOT NULL,
            PRIMARY KEY (version, path)
        );

        CREATE TABLE work_assignments (
            item_kind   TEXT NOT NULL CHECK (item_kind IN ('message', 'follow_up')),
            item_id     INTEGER NOT NULL,
            assigned_to TEXT,
            assigned_at TEXT,
            done_at     TEXT,
            done_by     TEXT,
            PRIMARY KEY (item_kind, item_id)
        );
        CREATE INDEX ix_work_assignments_user ON work_assignments (assigned_to);
        """);
}
