namespace Ivr.Data.Migrations;

/// <summary>Calls and their journeys. The caller's number is kept in clear for callbacks and
/// beside it masked for every list; events hold only privacy-safe detail.</summary>
internal static class M001CallRecords
{
    public static readonly Migration Migration = new(1, "call records", """
        CREATE TABLE calls (
            id            TEXT PRIMARY KEY,
            caller        TEXT NOT NULL,
            caller_masked TEXT NOT NULL,
            dialled       TEXT NOT NULL,
            flow          TEXT NOT NULL,
            flow_version  TEXT NOT NULL,
            started_at    TEXT NOT NULL,
            ended_at      TEXT,
            disposition   TEXT
        );
        CREATE INDEX ix_calls_started_at ON calls (started_at);
        CREATE INDEX ix_calls_caller ON calls (caller);

        CREATE TABLE call_events (
            call_id      TEXT NOT NULL REFERENCES calls (id) ON DELETE CASCADE,
            seq          INTEGER NOT NULL,
            at           TEXT NOT NULL,
            kind         TEXT NOT NULL,
            node         TEXT,
            outcome      TEXT,
            detail       TEXT,
            flow_version TEXT NOT NULL,
            PRIMARY KEY (call_id, seq)
        );
        """);
}
