using Statement = Ivr.Data.StatementBatch.Statement;

namespace Ivr.Data.Rollups;

/// <summary>The rollup rows of a set of calls, added up in memory, then added to the tables with one
/// upsert per key (<see cref="StatementBatch"/>); the path facts also to their month's sums (<see cref="RollupSpan"/>).</summary>
internal sealed class RollupTally
{
    private static readonly Statement UpsertCalls = new("""
        INSERT INTO rollup_calls (day, hour, flow_version, node, disposition, served, calls, duration_seconds)
        VALUES (@day, @hour, @version, @node, @disposition, @served, @calls, @duration)
        ON CONFLICT (day, hour, flow_version, node, disposition, served)
        DO UPDATE SET calls = rollup_calls.calls + excluded.calls, duration_seconds = rollup_calls.duration_seconds + excluded.duration_seconds;
        """, "@day", "@hour", "@version", "@node", "@disposition", "@served", "@calls", "@duration");

    private static readonly Statement UpsertPaths = new("""
        INSERT INTO rollup_paths (day, flow_version, kind, node, next, calls) VALUES (@day, @version, @kind, @node, @next, @calls)
        ON CONFLICT (day, flow_version, kind, node, next) DO UPDATE SET calls = rollup_paths.calls + excluded.calls;
        """, "@day", "@version", "@kind", "@node", "@next", "@calls");

    private static readonly Statement UpsertPathMonths = new("""
        INSERT INTO rollup_path_months (month, flow_version, kind, node, next, calls) VALUES (@month, @version, @kind, @node, @next, @calls)
        ON CONFLICT (month, flow_version, kind, node, next) DO UPDATE SET calls = rollup_path_months.calls + excluded.calls;
        """, "@month", "@version", "@kind", "@node", "@next", "@calls");

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
    private readonly Dictionary<(string Day, string Version, string Kind, string Node, string Next), long> _paths = [];
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
        foreach (var p in CallRollup.Paths(call))
        {
            var pathKey = (p.Day, p.FlowVersion, p.Kind, p.Node, p.Next);
            _paths[pathKey] = _paths.GetValueOrDefault(pathKey) + p.Calls;
        }
        if (!_versions.TryGetValue(call.FlowVersion, out var latest) || string.CompareOrdinal(startedAt, latest) > 0)
            _versions[call.FlowVersion] = startedAt;
        Calls++;
    }

    /// <summary>A survey answer given at <paramref name="at"/> in a call of <paramref name="flowVersion"/>.</summary>
    public void AddSurvey(string flowVersion, int score, DateTimeOffset at)
    {
        var key = (RollupClock.Day(at), flowVersion, score);
        _surveys[key] = _surveys.GetValueOrDefault(key) + 1;
    }

    public void Write(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction)
    {
        using var batch = new StatementBatch(connection, transaction);
        foreach (var ((day, hour, version, node, disposition, served), (calls, duration)) in _calls)
            batch.Add(UpsertCalls, day, (long)hour, version, node, disposition, served ? 1L : 0L, calls, duration);
        foreach (var ((day, version, kind, node, next), calls) in _paths)
            batch.Add(UpsertPaths, day, version, kind, node, next, calls);
        foreach (var month in _paths.GroupBy(p => (Month: p.Key.Day[..7], p.Key.Version, p.Key.Kind, p.Key.Node, p.Key.Next), p => p.Value))
            batch.Add(UpsertPathMonths, month.Key.Month, month.Key.Version, month.Key.Kind, month.Key.Node, month.Key.Next, month.Sum());
        foreach (var ((day, version, score), answers) in _surveys) batch.Add(UpsertSurveys, day, version, (long)score, answers);
        foreach (var (version, at) in _versions) batch.Add(UpsertVersion, version, at);
        batch.Execute();
    }
}
