using Statement = Ivr.Data.StatementBatch.Statement;

namespace Ivr.Data.Rollups;

/// <summary>The rollup rows of a set of calls, added up in memory, then added to the tables with one
/// upsert per key (<see cref="StatementBatch"/>); the path facts, per answering node, also to their month's sums (<see cref="RollupSpan"/>).</summary>
internal sealed class RollupTally
{
    private static readonly Statement UpsertCalls = new("""
        INSERT INTO rollup_calls (day, hour, flow_version, node, disposition, served, calls, duration_seconds)
        VALUES (@day, @hour, @version, @node, @disposition, @served, @calls, @duration)
        ON CONFLICT (day, hour, flow_version, node, disposition, served)
        DO UPDATE SET calls = rollup_calls.calls + excluded.calls, duration_seconds = rollup_calls.duration_seconds + excluded.duration_seconds;
        """, "@day", "@hour", "@version", "@node", "@disposition", "@served", "@calls", "@duration");

    private static readonly Statement UpsertPaths = new("""
        INSERT INTO rollup_paths (day, flow_version, answering_node, kind, node, next, calls) VALUES (@day, @version, @answering, @kind, @node, @next, @calls)
        ON CONFLICT (day, flow_version, answering_node, kind, node, next) DO UPDATE SET calls = rollup_paths.calls + excluded.calls;
        """, "@day", "@version", "@answering", "@kind", "@node", "@next", "@calls");

    private static readonly Statement UpsertPathMonths = new("""
        INSERT INTO rollup_path_months (month, flow_version, answering_node, kind, node, next, calls) VALUES (@month, @version, @answering, @kind, @node, @next, @calls)
        ON CONFLICT (month, flow_version, answering_node, kind, node, next) DO UPDATE SET calls = rollup_path_months.calls + excluded.calls;
        """, "@month", "@version", "@answering", "@kind", "@node", "@next", "@calls");

    private static readonly Statement UpsertVersion = new("""
        INSERT INTO rollup_versions (flow_version, last_started_at) VALUES (@version, @at)
        ON CONFLICT (flow_version) DO UPDATE SET last_started_at =
            CASE WHEN excluded.last_started_at > rollup_versions.last_started_at THEN excluded.last_started_at ELSE rollup_versions.last_started_at END;
        """, "@version", "@at");

    private static readonly Statement UpsertSurveys = new("""
        INSERT INTO rollup_surveys (day, flow_version, score, answers) VALUES (@day, @version, @score, @answers)
        ON CONFLICT (day, flow_version, score) DO UPDATE SET answers = rollup_surveys.answers + excluded.answers;
        """, "@day", "@version", "@score", "@answers");

    private readonly Dictionary<(string Day, int Hour, string Version, string Node, string Disposition, bool Served), (long Calls, long Duration)> _calls = [];
    private readonly Dictionary<PathKey, long> _paths = [];
    private readonly Dictionary<(string Day, string Version, int Score), long> _surveys = [];
    private readonly Dictionary<string, string> _versions = new(StringComparer.Ordinal);

    public int Calls { get; private set; }

    /// <param name="startedAt">The call's start as stored (<see cref="DbTime"/> text, which sorts as time).</param>
    public void Add(Operations.CallFacts call, string? node, string startedAt)
    {
        var b = CallRollup.Bucket(call, node);
        var key = (b.Day, b.Hour, b.FlowVersion, b.Node, b.Disposition ?? "", b.Served);
        var sum = _calls.GetValueOrDefault(key);
        _calls[key] = (sum.Calls + b.Calls, sum.Duration + b.DurationSeconds);
        foreach (var p in CallRollup.Paths(call)) AddPath(PathKey.Of(p, b.Node), p.Calls);
        if (!_versions.TryGetValue(call.FlowVersion, out var latest) || string.CompareOrdinal(startedAt, latest) > 0)
            _versions[call.FlowVersion] = startedAt;
        Calls++;
    }

    /// <summary>Adds <paramref name="calls"/> (negative: takes them away) to a path fact of a day and its month.</summary>
    public void AddPath(PathKey key, long calls) => _paths[key] = _paths.GetValueOrDefault(key) + calls;

    /// <summary>A survey answer given at <paramref name="at"/> in a call of <paramref name="flowVersion"/>.</summary>
    public void AddSurvey(string flowVersion, int score, DateTimeOffset at)
    {
        var key = (RollupClock.Day(at), flowVersion, score);
        _surveys[key] = _surveys.GetValueOrDefault(key) + 1;
    }

    public void Write(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction)
    {
        using var batch = new StatementBatch(connection, transaction);
        if (batch.Gathers)
        {
            WriteAsArrays(batch);
            return;
        }
        foreach (var ((day, hour, version, node, disposition, served), (calls, duration)) in _calls)
            batch.Add(UpsertCalls, day, (long)hour, version, node, disposition, served ? 1L : 0L, calls, duration);
        foreach (var (p, calls) in _paths.Where(p => p.Value != 0))
            batch.Add(UpsertPaths, p.Day, p.Version, p.Answering, p.Kind, p.Node, p.Next, calls);
        foreach (var month in _paths.GroupBy(p => p.Key with { Day = p.Key.Day[..7] }, p => p.Value).Where(m => m.Sum() != 0))
            batch.Add(UpsertPathMonths, month.Key.Day, month.Key.Version, month.Key.Answering, month.Key.Kind, month.Key.Node, month.Key.Next, month.Sum());
        foreach (var ((day, version, score), answers) in _surveys) batch.Add(UpsertSurveys, day, version, (long)score, answers);
        foreach (var (version, at) in _versions) batch.Add(UpsertVersion, version, at);
        batch.Execute();
    }

    /// <summary>PostgreSQL: each table's rows as one upsert from arrays (<c>unnest</c>), in one round trip — not a statement per
    /// row to bind and execute (a bulk load of 100k calls upserted 318k path rows one statement each, 7.7 s of its 96 s). The keys
    /// of one tally are distinct, so no statement touches a row twice.</summary>
    private void WriteAsArrays(StatementBatch batch)
    {
        if (_calls.Count > 0)
            batch.AddPositional("""
                INSERT INTO rollup_calls (day, hour, flow_version, node, disposition, served, calls, duration_seconds)
                SELECT * FROM unnest($1::text[], $2::bigint[], $3::text[], $4::text[], $5::text[], $6::bigint[], $7::bigint[], $8::bigint[])
                ON CONFLICT (day, hour, flow_version, node, disposition, served)
                DO UPDATE SET calls = rollup_calls.calls + excluded.calls, duration_seconds = rollup_calls.duration_seconds + excluded.duration_seconds;
                """,
                Column(_calls, c => c.Key.Day), Column(_calls, c => (long)c.Key.Hour), Column(_calls, c => c.Key.Version), Column(_calls, c => c.Key.Node),
                Column(_calls, c => c.Key.Disposition), Column(_calls, c => c.Key.Served ? 1L : 0L), Column(_calls, c => c.Value.Calls), Column(_calls, c => c.Value.Duration));
        var paths = _paths.Where(p => p.Value != 0).ToList();
        if (paths.Count > 0) UpsertPathsAsArrays(batch, "rollup_paths", "day", paths);
        var months = _paths.GroupBy(p => p.Key with { Day = p.Key.Day[..7] }, p => p.Value)
            .Select(m => KeyValuePair.Create(m.Key, m.Sum())).Where(m => m.Value != 0).ToList();
        if (months.Count > 0) UpsertPathsAsArrays(batch, "rollup_path_months", "month", months);
        if (_surveys.Count > 0)
            batch.AddPositional("""
                INSERT INTO rollup_surveys (day, flow_version, score, answers) SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[], $4::bigint[])
                ON CONFLICT (day, flow_version, score) DO UPDATE SET answers = rollup_surveys.answers + excluded.answers;
                """, Column(_surveys, s => s.Key.Day), Column(_surveys, s => s.Key.Version), Column(_surveys, s => (long)s.Key.Score), Column(_surveys, s => s.Value));
        foreach (var (version, at) in _versions) batch.Add(UpsertVersion, version, at);
        batch.Execute();
    }

    private static void UpsertPathsAsArrays(StatementBatch batch, string table, string period, List<KeyValuePair<PathKey, long>> rows)
        => batch.AddPositional($"""
            INSERT INTO {table} ({period}, flow_version, answering_node, kind, node, next, calls)
            SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::bigint[])
            ON CONFLICT ({period}, flow_version, answering_node, kind, node, next) DO UPDATE SET calls = {table}.calls + excluded.calls;
            """,
            Column(rows, p => p.Key.Day), Column(rows, p => p.Key.Version), Column(rows, p => p.Key.Answering), Column(rows, p => p.Key.Kind),
            Column(rows, p => p.Key.Node), Column(rows, p => p.Key.Next), Column(rows, p => p.Value));

    private static T[] Column<TRow, T>(ICollection<TRow> rows, Func<TRow, T> value)
    {
        var column = new T[rows.Count];
        var i = 0;
        foreach (var row in rows) column[i++] = value(row);
        return column;
    }
}

/// <summary>The key of a <c>rollup_paths</c> row: a path fact (<see cref="PathFact"/>) of a local day (or, for the month sums,
/// its <c>yyyy-MM</c>) and flow version, counted for the calls one node answered (<paramref name="Answering"/>, "" for none).</summary>
internal readonly record struct PathKey(string Day, string Version, string Answering, string Kind, string Node, string Next)
{
    public static PathKey Of(PathCount fact, string answering) => new(fact.Day, fact.FlowVersion, answering, fact.Kind, fact.Node, fact.Next);
}
