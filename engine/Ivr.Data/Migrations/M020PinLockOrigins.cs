namespace Ivr.Data.Migrations;

/// <summary>
/// Where each PIN lockout came from (issue 14, the console alert on a caller number or source that locks several
/// IDs). <c>pin_lock_origins</c> has one row per lock: the caller number as <c>caller_key</c> (a salted SHA-256,
/// for grouping) and <c>caller_masked</c> (<c>139*****678</c>, what the console lists) — never the number in clear;
/// <c>source</c>, the SIP source address when the lookup knew it; the ID as <c>subject_key</c> (the salted hash of
/// <c>pin_attempts</c>) and <c>subject_masked</c> (<c>110105********002X</c>). It replaces M009's <c>pin_alerts</c>,
/// which kept the number in clear and no ID: alerts are now read from the locks themselves.
/// Version 20: 17 to 19 belong to other work and may land before or after.
/// </summary>
internal static class M020PinLockOrigins
{
    public static readonly Migration Migration = new(20, "PIN lock origins", """
        CREATE TABLE pin_lock_origins (
            id             INTEGER PRIMARY KEY,
            at             TEXT NOT NULL,
            call_id        TEXT NOT NULL,
            caller_key     TEXT NOT NULL,
            caller_masked  TEXT NOT NULL,
            source         TEXT,
            subject_key    TEXT NOT NULL,
            subject_masked TEXT NOT NULL
        );
        CREATE INDEX ix_pin_lock_origins_caller ON pin_lock_origins (caller_key, at);
        CREATE INDEX ix_pin_lock_origins_source ON pin_lock_origins (source, at);
        CREATE INDEX ix_pin_lock_origins_at ON pin_lock_origins (at);

        DROP TABLE pin_alerts;
        """);
}
