using Ivr.Data.Operations;
using Ivr.Data.Rollups;

namespace Ivr.OperationsConsole.Statistics;

/// <summary>
/// The statistics report from rollup sums (<see cref="RollupReader"/>) plus the calls not rolled up yet, read
/// live and added up with the same arithmetic (<see cref="CallRollup"/>). The figures are those of the tests' in-memory
/// oracle (tests/Ivr.Console.Tests/Support/StatisticsBuilder.cs) on the same calls; the funnel asks which menu a node was in each version, so each
/// call counts with the menus of the flow version it ran (<see cref="FunnelMenus"/>).
/// </summary>
public static class RollupStatisticsBuilder
{
    public static StatisticsReport Build(
        DateOnly from,
        DateOnly to,
        string? flowVersion,
        RollupFigures figures,
        IReadOnlyList<CallFacts> notRolledUp,
        FunnelMenus menus,
        IReadOnlyList<string> flowVersions)
    {
        var buckets = figures.Days.Concat(notRolledUp.Select(c => CallRollup.Bucket(c, null))).ToList();
        var paths = figures.Paths.Concat(notRolledUp.SelectMany(CallRollup.Paths)).ToList();
        var byHour = new long[24];
        foreach (var (hour, calls) in figures.Hours) byHour[hour] += calls;
        foreach (var call in notRolledUp) byHour[RollupClock.Hour(call.StartedAt)]++;

        var byDay = new SortedDictionary<string, (long Calls, long Transferred, long Contained)>(StringComparer.Ordinal);
        for (var day = from; day <= to; day = day.AddDays(1)) byDay[RollupClock.Day(day)] = (0, 0, 0);
        foreach (var b in buckets)
        {
            var counts = byDay.GetValueOrDefault(b.Day);
            byDay[b.Day] = (counts.Calls + b.Calls, counts.Transferred + (b.Disposition == ReportDispositions.Transferred ? b.Calls : 0),
                counts.Contained + (IsContained(b) ? b.Calls : 0));
        }

        long Sum(Func<CallBucket, bool> which) => buckets.Where(which).Sum(b => b.Calls);
        var ended = Sum(b => b.Disposition is not null);
        var contained = Sum(IsContained);
        var totals = new StatisticsTotals(
            (int)Sum(_ => true),
            (int)ended,
            (int)contained,
            ended == 0 ? null : Math.Round((double)contained / ended, 3),
            (int)Sum(b => b.Disposition == ReportDispositions.Transferred),
            (int)Sum(b => b.Disposition == ReportDispositions.Abandoned),
            (int)Sum(b => b.Disposition == ReportDispositions.InputFailed),
            (int)Sum(b => b.Disposition == ReportDispositions.Error),
            figures.VoiceMessages,
            figures.Faxes,
            Survey(figures.SurveyScores));

        return new StatisticsReport(from, to, flowVersion, totals,
            byDay.Select(d => new DayCount(DateOnly.ParseExact(d.Key, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                (int)d.Value.Calls, (int)d.Value.Transferred, (int)d.Value.Contained)).ToList(),
            byHour.Select((n, hour) => new HourCount(hour, (int)n)).ToList(),
            buckets.Where(b => b.Disposition is not null).GroupBy(b => b.Disposition!)
                .Select(g => new DispositionCount(g.Key, (int)g.Sum(b => b.Calls)))
                .OrderByDescending(d => d.Calls).ThenBy(d => d.Disposition, StringComparer.Ordinal).ToList(),
            RollupFunnel.Of(paths, menus),
            paths.Where(p => p.Kind == PathFact.Abandoned).GroupBy(p => p.Node, StringComparer.Ordinal)
                .Select(g => new DropOff(g.Key, (int)g.Sum(p => p.Calls)))
                .OrderByDescending(d => d.Abandoned).ThenBy(d => d.Node, StringComparer.Ordinal).Take(20).ToList(),
            flowVersions);
    }

    private static bool IsContained(CallBucket b)
        => b.Disposition is { } d && d != ReportDispositions.Transferred && d != ReportDispositions.Error && b.Served;

    private static SurveySummary Survey(IReadOnlyList<(int Score, long Count)> answers)
    {
        var scores = new Dictionary<string, int> { ["1"] = 0, ["2"] = 0, ["3"] = 0 };
        foreach (var (score, count) in answers.OrderBy(a => a.Score))
        {
            var key = score.ToString(System.Globalization.CultureInfo.InvariantCulture);
            scores[key] = scores.GetValueOrDefault(key) + (int)count;
        }
        var responses = answers.Sum(a => a.Count);
        var total = answers.Sum(a => a.Score * a.Count);
        return new SurveySummary((int)responses, responses == 0 ? null : Math.Round((double)total / responses, 2), scores);
    }
}
