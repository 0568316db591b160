namespace Ivr.Data.Migrations;

/// <summary>
/// What calls leave behind for people to act on: voice messages to call back, follow-ups for
/// dissatisfied callers, survey scores, and the audit trail of card services and lockouts.
/// <c>call_id</c> is not a foreign key: the call row is written asynchronously by the recorder
/// and may land after these.
/// </summary>
internal static class M003ServiceRecords
{
    public static readonly Migration Migration = new(3, "service records", """
        CREATE TABLE voice_messages (
            id              INTEGER PRIMARY KEY,
            call_id         TEXT NOT NULL,
            recording       TEXT NOT NULL,
            callback_number TEXT NOT NULL,
            reason          TEXT NOT NULL,
            created_at      TEXT NOT NULL,
            due_date        TEXT NOT NULL,
            status          TEXT NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'assigned', 'called_back')),
            outcome         TEXT
        );
        CREATE INDEX ix_voice_messages_status_due ON voice_messages (status, due_date);

        CREATE TABLE follow_ups (
            id         INTEGER PRIMARY KEY,
            call_id    TEXT NOT NULL,
            reason     TEXT NOT NULL,
            created_at TEXT NOT NULL,
            due_date   TEXT NOT NULL,
            status     TEXT NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'assigned', 'done')),
            outcome    TEXT
        );
        CREATE INDEX ix_follow_ups_status_due ON follow_ups (status, due_date);

        CREATE TABLE surveys (
            id      INTEGER PRIMARY KEY,
            call_id TEXT NOT NULL,
            score   INTEGER NOT NULL CHECK (score IN (1, 2, 3)),
            at      TEXT NOT NULL
        );

        CREATE TABLE audit (
            id             INTEGER PRIMARY KEY,
            call_id        TEXT NOT NULL,
            at             TEXT NOT NULL,
            action         TEXT NOT NULL CHECK (action IN ('pin_change', 'loss_report', 'lockout')),
            subject_masked TEXT NOT NULL,
            outcome        TEXT NOT NULL
        );
        CREATE INDEX ix_audit_at ON audit (at);
        """);
}
