using Dapper;

namespace Ivr.Data.Rollups;

/// <summary>
/// The rollups of local days [from, to] (<see cref="RollupClock"/>), summed over nodes, and of one flow
/// version when one is named, and of one answering node when one is named (<c>rollup_calls.node</c>,
/// <c>rollup_paths.answering_node</c>; survey answers of one node are read through their calls). Calls not rolled up yet are not in them (see <see cref="Operations.StatisticsSource"/>).
/// </summary>
public sealed class RollupReader(IvrDatabase database)
{
    /// <summary>Calls per day, disposition and served (<see cref="CallBucket.Hour"/> -1, node "").</summary>
    public async Task<IReadOnlyList<CallBucket>> DaysAsync(DateOnly from, DateOnly to, string? flowVersion, CancellationToken cancellation, string? node = null)
    {
        await using var connection = await database.OpenConnectionAsync(cancellation);
        return (await connection.QueryAsync<(string Day, string Disposition, long Served, long Calls, long Duration)>(new CommandDefinition("""
                SELECT day, disposition, served, SUM(calls), SUM(duration_seconds) FROM rollup_calls
                WHERE day >= @from AND day <= @to AND (@flowVersion IS NULL OR flow_version = @flowVersion) AND (@node IS NULL OR node = @node)
                GROUP BY day, disposition, served;
                """, Range(from, to, flowVersion, node), cancellationToken: cancellation)))
            .Select(r => new CallBucket(r.Day, -1, flowVersion ?? "", "", r.Disposition, r.Served != 0, r.Calls, r.Duration)).ToList();
    }

    /// <summary>Calls per local hour of the day (0–23), only the hours that had any.</summary>
    public async Task<IReadOnlyList<(int Hour, long Calls)>> HoursAsync(DateOnly from, DateOnly to, string? flowVersion, CancellationToken cancellation, string? node = null)
    {
        await using var connection = await database.OpenConnectionAsync(cancellation);
        return (await connection.QueryAsync<(long Hour, long Calls)>(new CommandDefinition("""
                SELECT hour, SUM(calls) FROM rollup_calls
                WHERE day >= @from AND day <= @to AND (@flowVersion IS NULL OR flow_version = @flowVersion) AND (@node IS NULL OR node = @node)
                GROUP BY hour;
                """, Range(from, to, flowVersion, node), cancellationToken: cancellation)))
            .Select(r => ((int)r.Hour, r.Calls)).ToList();
    }

    /// <summary>The path facts per flow version (<see cref="PathCount.Day"/> ""), of the calls one node answered when one is named:
    /// month sums, plus or minus the daily rows around them (<see cref="RollupSpan"/>).</summary>
    public async Task<IReadOnlyList<PathCount>> PathsAsync(DateOnly from, DateOnly to, string? flowVersion, CancellationToken cancellation, string? node = null)
    {
        await using var connection = await database.OpenConnectionAsync(cancellation);
        var (first, last) = await connection.QuerySingleAsync<(string? First, string? Last)>(new CommandDefinition(
            "SELECT (SELECT MIN(day) FROM rollup_paths), (SELECT MAX(day) FROM rollup_paths);", cancellationToken: cancellation));
        var span = RollupSpan.Of(from, to, ParseDay(first), ParseDay(last));
        DayRange Added(int i) => RollupSpan.At(span.Added, i);
        DayRange Subtracted(int i) => RollupSpan.At(span.Subtracted, i);
        return (await connection.QueryAsync<(string Version, string Kind, string Node, string Next, long Calls)>(new CommandDefinition("""
                SELECT flow_version, kind, node, next, SUM(calls) FROM (
                    SELECT flow_version, kind, node, next, calls FROM rollup_paths
                    WHERE ((day >= @added0From AND day <= @added0To) OR (day >= @added1From AND day <= @added1To))
                      AND (@flowVersion IS NULL OR flow_version = @flowVersion) AND (@node IS NULL OR answering_node = @node)
                    UNION ALL
                    SELECT flow_version, kind, node, next, calls FROM rollup_path_months
                    WHERE month >= @firstMonth AND month <= @lastMonth
                      AND (@flowVersion IS NULL OR flow_version = @flowVersion) AND (@node IS NULL OR answering_node = @node)
                    UNION ALL
                    SELECT flow_version, kind, node, next, -calls FROM rollup_paths
                    WHERE ((day >= @subtracted0From AND day <= @subtracted0To) OR (day >= @subtracted1From AND day <= @subtracted1To))
                      AND (@flowVersion IS NULL OR flow_version = @flowVersion) AND (@node IS NULL OR answering_node = @node)
                ) AS facts
                GROUP BY flow_version, kind, node, next
                HAVING SUM(calls) <> 0;
                """, new
                {
                    added0From = Added(0).From, added0To = Added(0).To, added1From = Added(1).From, added1To = Added(1).To,
                    subtracted0From = Subtracted(0).From, subtracted0To = Subtracted(0).To, subtracted1From = Subtracted(1).From, subtracted1To = Subtracted(1).To,
                    firstMonth = span.FirstMonth, lastMonth = span.LastMonth, flowVersion, node,
                }, cancellationToken: cancellation)))
            .Select(r => new PathCount("", r.Version, r.Kind, r.Node, r.Next, r.Calls)).ToList();
    }

    /// <summary>Survey answers per score given on local days [from, to], of calls of the version when one is named:
    /// the rolled-up ones (<c>rollup_surveys</c>) and, live, those not rolled up yet (a score may come twice). With a node
    /// named, all of them live from <c>surveys</c> through their calls (<c>rollup_surveys</c> keeps no answering node).</summary>
    public async Task<IReadOnlyList<(int Score, long Count)>> SurveyScoresAsync(DateOnly from, DateOnly to, string? flowVersion, CancellationToken cancellation, string? node = null)
    {
        await using var connection = await database.OpenConnectionAsync(cancellation);
        var rolledUp = await connection.QueryAsync<(long Score, long Count)>(new CommandDefinition("""
                SELECT score, SUM(answers) FROM rollup_surveys
                WHERE @node IS NULL AND day >= @from AND day <= @to AND (@flowVersion IS NULL OR flow_version = @flowVersion)
                GROUP BY score;
                """, Range(from, to, flowVersion, node), cancellationToken: cancellation));
        var pending = await connection.QueryAsync<(long Score, long Count)>(new CommandDefinition("""
                SELECT s.score, COUNT(*) FROM surveys s
                WHERE (s.rolled_up = 0 OR @node IS NOT NULL) AND s.at >= @from AND s.at < @to
                  AND (@flowVersion IS NULL OR EXISTS (SELECT 1 FROM calls c WHERE c.id = s.call_id AND c.flow_version = @flowVersion))
                  AND (@node IS NULL OR EXISTS (SELECT 1 FROM calls c WHERE c.id = s.call_id AND c.node = @node))
                GROUP BY s.score;
                """, new { from = DbTime.ToText(RollupClock.Start(from)), to = DbTime.ToText(RollupClock.Start(to.AddDays(1))), flowVersion, node },
                cancellationToken: cancellation));
        return rolledUp.Concat(pending).Select(r => ((int)r.Score, r.Count)).ToList();
    }

    /// <summary>The flow versions calls ran on, most recent first: rolled-up ones and those of calls not rolled up yet.</summary>
    public async Task<IReadOnlyList<string>> FlowVersionsAsync(CancellationToken cancellation)
    {
        await using var connection = await database.OpenConnectionAsync(cancellation);
        var latest = (await connection.QueryAsync<(string Version, string At)>(new CommandDefinition(
                "SELECT flow_version, last_started_at FROM rollup_versions;", cancellationToken: cancellation)))
            .ToDictionary(r => r.Version, r => r.At, StringComparer.Ordinal);
        foreach (var (version, at) in await connection.QueryAsync<(string Version, string At)>(new CommandDefinition(
                     "SELECT flow_version, MAX(started_at) FROM calls WHERE rolled_up = 0 GROUP BY flow_version;", cancellationToken: cancellation)))
        {
            if (!latest.TryGetValue(version, out var known) || string.CompareOrdinal(at, known) > 0) latest[version] = at;
        }
        return latest.OrderByDescending(v => v.Value, StringComparer.Ordinal).Take(100).Select(v => v.Key).ToList();
    }

    /// <summary>The answering nodes calls were counted under, and those of calls not rolled up yet, sorted.</summary>
    public async Task<IReadOnlyList<string>> NodesAsync(CancellationToken cancellation)
    {
        await using var connection = await database.OpenConnectionAsync(cancellation);
        return (await connection.QueryAsync<string>(new CommandDefinition("""
                SELECT node FROM rollup_calls WHERE node <> '' GROUP BY node
                UNION SELECT node FROM calls WHERE rolled_up = 0 AND node IS NOT NULL AND node <> '' GROUP BY node;
                """, cancellationToken: cancellation))).Order(StringComparer.Ordinal).ToList();
    }

    private static DateOnly? ParseDay(string? day)
        => day is null ? null : DateOnly.ParseExact(day, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static object Range(DateOnly from, DateOnly to, string? flowVersion, string? node)
        => new { from = RollupClock.Day(from), to = RollupClock.Day(to), flowVersion, node };
}
