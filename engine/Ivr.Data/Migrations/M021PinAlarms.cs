namespace Ivr.Data.Migrations;

/// <summary>
/// PIN lockout alerts as rows (issue 14): <c>pin_alarms</c> has one row per caller number (<c>kind</c> <c>caller</c>,
/// <c>origin_key</c> the salted key of <c>pin_lock_origins</c>, <c>caller_masked</c>) or SIP source (<c>source</c>)
/// that crossed the alert threshold, at most one per origin per alert window (later IDs within it update the row).
/// The row is the outbox of its page (<c>page_state</c> <c>pending</c> → <c>paged</c> or <c>given_up</c>, tries and the
/// next try's time, a claim so that one node sends it) and the record of its acknowledgement (who, when, comment).
/// Nothing in clear: the number only masked, no ID at all.
/// </summary>
internal static class M021PinAlarms
{
    public static readonly Migration Migration = new(21, "PIN alarms: paging and acknowledgement", """
        CREATE TABLE pin_alarms (
            id              INTEGER PRIMARY KEY,
            kind            TEXT NOT NULL,
            origin_key      TEXT NOT NULL,
            caller_masked   TEXT,
            source          TEXT,
            raised_at       TEXT NOT NULL,
            first_lock_at   TEXT NOT NULL,
            last_lock_at    TEXT NOT NULL,
            ids_locked      INTEGER NOT NULL,
            last_call_id    TEXT NOT NULL,
            page_state      TEXT NOT NULL,
            page_tries      INTEGER NOT NULL DEFAULT 0,
            page_next_at    TEXT NOT NULL,
            page_claim      TEXT,
            page_claimed_until TEXT,
            paged_at        TEXT,
            acknowledged_at TEXT,
            acknowledged_by TEXT,
            ack_comment     TEXT
        );
        CREATE INDEX ix_pin_alarms_origin ON pin_alarms (kind, origin_key, raised_at);
        CREATE INDEX ix_pin_alarms_page ON pin_alarms (page_state, page_next_at);
        CREATE INDEX ix_pin_alarms_raised ON pin_alarms (raised_at);
        """);
}
