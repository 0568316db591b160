namespace Ivr.Data.Migrations;

/// <summary>
/// A year's statistics independent of the number of calls (issue 17):
/// <list type="bullet">
/// <item><c>rollup_path_months</c>: the sums of <c>rollup_paths</c> per local month (<c>yyyy-MM</c>), kept in the
/// same transaction as the daily rows (<see cref="Rollups.RollupTally"/>): a report reads whole months there and only
/// the days at its edges from <c>rollup_paths</c> (<see cref="Rollups.RollupSpan"/>). Filled from the daily rows here.</item>
/// <item><c>rollup_surveys</c>: survey answers per local day of the answer × the flow version of the answer's call ×
/// score. An answer is added once (<c>surveys.rolled_up</c>, set in the same transaction): with its call when the call is
/// rolled up, or by <see cref="Rollups.RollupCatchUp"/> when it was written after that. Answers not rolled up yet (every
/// answer stored before this version until the catch-up has run; an answer of a call in progress) are counted live.</item>
/// </list>
/// Days and months are those of <see cref="Rollups.RollupClock"/>. Version 24: 23 belongs to other work.
/// </summary>
internal static class M024SurveyRollups
{
    private const string Tables = """
        CREATE TABLE rollup_path_months (
            month        TEXT NOT NULL,
            flow_version TEXT NOT NULL,
            kind         TEXT NOT NULL,
            node         TEXT NOT NULL,
            next         TEXT NOT NULL,
            calls        INTEGER NOT NULL,
            PRIMARY KEY (month, flow_version, kind, node, next)
        );
        INSERT INTO rollup_path_months (month, flow_version, kind, node, next, calls)
            SELECT substr(day, 1, 7), flow_version, kind, node, next, SUM(calls) FROM rollup_paths
            GROUP BY substr(day, 1, 7), flow_version, kind, node, next;
        CREATE TABLE rollup_surveys (
            day          TEXT NOT NULL,
            flow_version TEXT NOT NULL,
            score        INTEGER NOT NULL,
            answers      INTEGER NOT NULL,
            PRIMARY KEY (day, flow_version, score)
        );
        ALTER TABLE surveys ADD COLUMN rolled_up INTEGER NOT NULL DEFAULT 0;
        CREATE INDEX ix_surveys_rollup_pending ON surveys (at, score) WHERE rolled_up = 0;
        """;

    public static readonly Migration Migration = new(24, "month sums of the path rollups, survey answers in the rollups", Tables, PostgresDdl.From(Tables));
}
