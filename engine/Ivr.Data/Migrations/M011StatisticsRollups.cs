namespace Ivr.Data.Migrations;

/// <summary>
/// Statistics from rollups (issue 17). <c>rollup_calls</c> counts ended calls per local day and hour ×
/// flow version × answering node × disposition × served (a service lookup completed), with their summed
/// durations; <c>rollup_paths</c> counts, per local day × flow version, the node facts the funnel needs
/// (<see cref="Rollups.PathFact"/>); <c>rollup_versions</c> the latest call of each flow version.
/// A call is added once, when it has ended (<c>calls.rolled_up</c>, set in the same transaction), so
/// statistics of days whose <c>call_events</c> were pruned stay whole. <c>caller_tail</c> (the last four
/// digits) lets a search by the ending of a number use an index. Days are China Standard Time
/// (<see cref="Rollups.RollupClock"/>).
/// </summary>
internal static class M011StatisticsRollups
{
    private const string Tables = """
        CREATE TABLE rollup_calls (
            day              TEXT NOT NULL,
            hour             INTEGER NOT NULL,
            flow_version     TEXT NOT NULL,
            node             TEXT NOT NULL,
            disposition      TEXT NOT NULL,
            served           INTEGER NOT NULL,
            calls            INTEGER NOT NULL,
            duration_seconds INTEGER NOT NULL,
            PRIMARY KEY (day, hour, flow_version, node, disposition, served)
        );
        CREATE TABLE rollup_paths (
            day          TEXT NOT NULL,
            flow_version TEXT NOT NULL,
            kind         TEXT NOT NULL,
            node         TEXT NOT NULL,
            next         TEXT NOT NULL,
            calls        INTEGER NOT NULL,
            PRIMARY KEY (day, flow_version, kind, node, next)
        );
        CREATE TABLE rollup_versions (
            flow_version    TEXT PRIMARY KEY,
            last_started_at TEXT NOT NULL
        );
        ALTER TABLE calls ADD COLUMN rolled_up INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE calls ADD COLUMN caller_tail TEXT;
        CREATE INDEX ix_calls_rollup_pending ON calls (rolled_up, started_at);
        CREATE INDEX ix_calls_started_id ON calls (started_at, id);
        CREATE INDEX ix_calls_caller_tail ON calls (caller_tail, started_at);
        CREATE INDEX ix_calls_disposition ON calls (disposition, started_at);
        CREATE INDEX ix_calls_flow_version ON calls (flow_version, started_at);
        CREATE INDEX ix_calls_node ON calls (node, started_at);
        CREATE INDEX ix_call_events_path ON call_events (call_id, seq, node) WHERE kind = 'NodeEntered';
        CREATE INDEX ix_surveys_at ON surveys (at, score);
        CREATE INDEX ix_voice_messages_created_at ON voice_messages (created_at);
        """;

    public static readonly Migration Migration = new(11, "statistics rollups and search indexes",
        Tables + "UPDATE calls SET caller_tail = substr(caller, -4);",
        PostgresDdl.From(Tables) + "UPDATE calls SET caller_tail = right(caller, 4);");
}
