namespace Ivr.Data.Rollups;

/// <summary>The rollup rows of a set of calls, added up in memory (so each key comes once), then added to the tables: on
/// PostgreSQL one upsert statement per table for every key (<see cref="RowsStatement"/>), on SQLite one prepared upsert run per key;
/// the path facts, per answering node, also to their month's sums (<see cref="RollupSpan"/>).</summary>
internal sealed class RollupTally
{
    private static readonly RowsStatement UpsertCalls = new(new("""
        INSERT INTO rollup_calls (day, hour, flow_version, node, disposition, served, calls, duration_seconds)
        VALUES (@day, @hour, @version, @node, @disposition, @served, @calls, @duration)
        ON CONFLICT (day, hour, flow_version, node, disposition, served)
        DO UPDATE SET calls = rollup_calls.calls + excluded.calls, duration_seconds = rollup_calls.duration_seconds + excluded.duration_seconds;
        """, "@day", "@hour", "@version", "@node", "@disposition", "@served", "@calls", "@duration"), """
        INSERT INTO rollup_calls (day, hour, flow_version, node, disposition, served, calls, duration_seconds)
        SELECT * FROM unnest($1::text[], $2::bigint[], $3::text[], $4::text[], $5::text[], $6::bigint[], $7::bigint[], $8::bigint[])
        ON CONFLICT (day, hour, flow_version, node, disposition, served)
        DO UPDATE SET calls = rollup_calls.calls + excluded.calls, duration_seconds = rollup_calls.duration_seconds + excluded.duration_seconds;
        """);

    private static readonly RowsStatement UpsertPaths = new(new("""
        INSERT INTO rollup_paths (day, flow_version, answering_node, kind, node, next, calls) VALUES (@day, @version, @answering, @kind, @node, @next, @calls)
        ON CONFLICT (day, flow_version, answering_node, kind, node, next) DO UPDATE SET calls = rollup_paths.calls + excluded.calls;
        """, "@day", "@version", "@answering", "@kind", "@node", "@next", "@calls"), """
        INSERT INTO rollup_paths (day, flow_version, answering_node, kind, node, next, calls)
        SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::bigint[])
        ON CONFLICT (day, flow_version, answering_node, kind, node, next) DO UPDATE SET calls = rollup_paths.calls + excluded.calls;
        """);

    private static readonly RowsStatement UpsertPathMonths = new(new("""
        INSERT INTO rollup_path_months (month, flow_version, answering_node, kind, node, next, calls) VALUES (@month, @version, @answering, @kind, @node, @next, @calls)
        ON CONFLICT (month, flow_version, answering_node, kind, node, next) DO UPDATE SET calls = rollup_path_months.calls + excluded.calls;
        """, "@month", "@version", "@answering", "@kind", "@node", "@next", "@calls"), """
        INSERT INTO rollup_path_months (month, flow_version, answering_node, kind, node, next, calls)
        SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::bigint[])
        ON CONFLICT (month, flow_version, answering_node, kind, node, next) DO UPDATE SET calls = rollup_path_months.calls + excluded.calls;
        """);

    private static readonly RowsStatement UpsertVersion = new(new("""
        INSERT INTO rollup_versions (flow_version, last_started_at) VALUES (@version, @at)
        ON CONFLICT (flow_version) DO UPDATE SET last_started_at =
            CASE WHEN excluded.last_started_at > rollup_versions.last_started_at THEN excluded.last_started_at ELSE rollup_versions.last_started_at END;
        """, "@version", "@at"), """
        INSERT INTO rollup_versions (flow_version, last_started_at) SELECT * FROM unnest($1::text[], $2::text[])
        ON CONFLICT (flow_version) DO UPDATE SET last_started_at =
            CASE WHEN excluded.last_started_at > rollup_versions.last_started_at THEN excluded.last_started_at ELSE rollup_versions.last_started_at END;
        """);

    private static readonly RowsStatement UpsertSurveys = new(new("""
        INSERT INTO rollup_surveys (day, flow_version, score, answers) VALUES (@day, @version, @score, @answers)
        ON CONFLICT (day, flow_version, score) DO UPDATE SET answers = rollup_surveys.answers + excluded.answers;
        """, "@day", "@version", "@score", "@answers"), """
        INSERT INTO rollup_surveys (day, flow_version, score, answers) SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[], $4::bigint[])
        ON CONFLICT (day, flow_version, score) DO UPDATE SET answers = rollup_surveys.answers + excluded.answers;
        """);

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

    /// <summary>Adds the tally to the tables: on PostgreSQL one upsert per table however many rows (<see cref="RowsStatement"/>),
    /// on SQLite one prepared statement per table run per row (kept across transactions with <paramref name="statements"/>).</summary>
    public void Write(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction? transaction, SqliteStatementCache? statements = null)
    {
        using var batch = new StatementBatch(connection, transaction, statements);
        var calls = new GatheredRows(batch, UpsertCalls);
        foreach (var ((day, hour, version, node, disposition, served), (count, duration)) in _calls)
            calls.Add(day, (long)hour, version, node, disposition, served ? 1L : 0L, count, duration);
        calls.Queue();
        var paths = new GatheredRows(batch, UpsertPaths);
        foreach (var (p, count) in _paths.Where(p => p.Value != 0))
            paths.Add(p.Day, p.Version, p.Answering, p.Kind, p.Node, p.Next, count);
        paths.Queue();
        var months = new GatheredRows(batch, UpsertPathMonths);
        foreach (var month in _paths.GroupBy(p => p.Key with { Day = p.Key.Day[..7] }, p => p.Value).Where(m => m.Sum() != 0))
            months.Add(month.Key.Day, month.Key.Version, month.Key.Answering, month.Key.Kind, month.Key.Node, month.Key.Next, month.Sum());
        months.Queue();
        var surveys = new GatheredRows(batch, UpsertSurveys);
        foreach (var ((day, version, score), answers) in _surveys) surveys.Add(day, version, (long)score, answers);
        surveys.Queue();
        var versions = new GatheredRows(batch, UpsertVersion);
        foreach (var (version, at) in _versions) versions.Add(version, at);
        versions.Queue();
        batch.Execute();
    }
}

/// <summary>The key of a <c>rollup_paths</c> row: a path fact (<see cref="PathFact"/>) of a local day (or, for the month sums,
/// its <c>yyyy-MM</c>) and flow version, counted for the calls one node answered (<paramref name="Answering"/>, "" for none).</summary>
internal readonly record struct PathKey(string Day, string Version, string Answering, string Kind, string Node, string Next)
{
    public static PathKey Of(PathCount fact, string answering) => new(fact.Day, fact.FlowVersion, answering, fact.Kind, fact.Node, fact.Next);
}
