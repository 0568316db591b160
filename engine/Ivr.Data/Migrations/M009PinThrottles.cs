namespace Ivr.Data.Migrations;

/// <summary>
/// PIN throttles beside the per-ID lockout (issue 14). <c>pin_attempts</c> is every PIN check that
/// reached the hash: the caller number and call it came from and the checked ID only as
/// <c>subject_key</c> (a salted SHA-256, never the ID), <c>failed</c> until proved right, and
/// <c>locked</c> when it locked the ID. <c>pin_alerts</c> is what the console shows when one caller
/// number locks several IDs. Version 9: 7 and 8 belong to other work and may land before or after.
/// </summary>
internal static class M009PinThrottles
{
    public static readonly Migration Migration = new(9, "PIN throttles per caller and per call", """
        CREATE TABLE pin_attempts (
            id          INTEGER PRIMARY KEY,
            at          TEXT NOT NULL,
            caller      TEXT NOT NULL,
            call_id     TEXT NOT NULL,
            subject_key TEXT NOT NULL,
            failed      INTEGER NOT NULL,
            locked      INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX ix_pin_attempts_caller ON pin_attempts (caller, at);
        CREATE INDEX ix_pin_attempts_call ON pin_attempts (call_id);

        CREATE TABLE pin_alerts (
            id         INTEGER PRIMARY KEY,
            at         TEXT NOT NULL,
            caller     TEXT NOT NULL,
            call_id    TEXT NOT NULL,
            ids_locked INTEGER NOT NULL
        );
        CREATE INDEX ix_pin_alerts_at ON pin_alerts (at);
        """);
}
