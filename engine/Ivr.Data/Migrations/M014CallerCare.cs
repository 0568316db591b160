namespace Ivr.Data.Migrations;

/// <summary>
/// Caller care (issue 16): <c>callback_marks</c> — an agent returned a missed call to a caller number, with the outcome
/// (the number leaves the 回拨 list until it misses another call); <c>caller_flags</c> — a supervisor flagged a caller
/// number (a reason class and text, an optional expiry; <c>removed_at</c> once lifted); and the emergency mark of a
/// voice message (<c>emergency_at</c>, <c>emergency_by</c>), which pages supervisors. Numbers are in clear like
/// <c>calls.caller</c> (agents dial them); every list shows them masked. Version 14: 11–13 belong to other work.
/// </summary>
internal static class M014CallerCare
{
    public static readonly Migration Migration = new(14, "missed-call callbacks, caller flags, emergency messages", """
        CREATE TABLE callback_marks (
            id        INTEGER PRIMARY KEY,
            caller    TEXT NOT NULL,
            call_id   TEXT NOT NULL,
            marked_at TEXT NOT NULL,
            marked_by TEXT NOT NULL,
            outcome   TEXT NOT NULL
        );
        CREATE INDEX ix_callback_marks_caller ON callback_marks (caller, marked_at);

        CREATE TABLE caller_flags (
            id           INTEGER PRIMARY KEY,
            caller       TEXT NOT NULL,
            reason_class TEXT NOT NULL,
            reason       TEXT NOT NULL,
            flagged_at   TEXT NOT NULL,
            flagged_by   TEXT NOT NULL,
            expires_at   TEXT,
            removed_at   TEXT,
            removed_by   TEXT
        );
        CREATE INDEX ix_caller_flags_caller ON caller_flags (caller);

        ALTER TABLE voice_messages ADD COLUMN emergency_at TEXT;
        ALTER TABLE voice_messages ADD COLUMN emergency_by TEXT;
        -- ix_calls_disposition (the missed-call rule's scan) comes with migration 11.
        """);
}
