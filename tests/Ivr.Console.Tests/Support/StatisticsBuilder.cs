using Ivr.Data.Operations;
using Ivr.OperationsConsole.Statistics;

namespace Ivr.OperationsConsole.Tests;

/// <summary>
/// The tests' oracle of the statistics report (the console computes it from rollups: <see cref="RollupStatisticsBuilder"/>):
/// turns per-call facts into the report in memory. Pure arithmetic, so tests can check every figure:
/// containment = ended, not transferred, not failed, and a service lookup completed; hang-ups inside
/// the IVR = disposition <c>abandoned</c>; the funnel follows each call's node path through the menus.
/// </summary>
public static class StatisticsBuilder
{
    private const string Transferred = ReportDispositions.Transferred;
    private const string Abandoned = ReportDispositions.Abandoned;
    private const string InputFailed = ReportDispositions.InputFailed;
    private const string Error = ReportDispositions.Error;

    public static StatisticsReport Build(
        DateOnly from,
        DateOnly to,
        string? flowVersion,
        TimeSpan utcOffset,
        IReadOnlyList<CallFacts> calls,
        IReadOnlyList<int> surveyScores,
        long voiceMessages,
        long? faxes,
        FunnelMenus menus,
        IReadOnlyList<string> flowVersions)
    {
        var ended = calls.Where(c => c.Disposition is not null).ToList();
        var contained = ended.Count(IsContained);
        var byDay = new SortedDictionary<DateOnly, (int Calls, int Transferred, int Contained)>();
        for (var day = from; day <= to; day = day.AddDays(1)) byDay[day] = (0, 0, 0);
        var byHour = new int[24];
        foreach (var call in calls)
        {
            var local = call.StartedAt.ToOffset(utcOffset);
            var day = DateOnly.FromDateTime(local.DateTime);
            var counts = byDay.GetValueOrDefault(day);
            byDay[day] = (counts.Calls + 1, counts.Transferred + (call.Disposition == Transferred ? 1 : 0), counts.Contained + (IsContained(call) ? 1 : 0));
            byHour[local.Hour]++;
        }

        var scores = new Dictionary<string, int> { ["1"] = 0, ["2"] = 0, ["3"] = 0 };
        foreach (var score in surveyScores) scores[score.ToString(System.Globalization.CultureInfo.InvariantCulture)] = scores.GetValueOrDefault(score.ToString(System.Globalization.CultureInfo.InvariantCulture)) + 1;

        var totals = new StatisticsTotals(
            calls.Count,
            ended.Count,
            contained,
            ended.Count == 0 ? null : Math.Round((double)contained / ended.Count, 3),
            calls.Count(c => c.Disposition == Transferred),
            calls.Count(c => c.Disposition == Abandoned),
            calls.Count(c => c.Disposition == InputFailed),
            calls.Count(c => c.Disposition == Error),
            voiceMessages,
            faxes,
            new SurveySummary(surveyScores.Count, surveyScores.Count == 0 ? null : Math.Round(surveyScores.Average(), 2), scores));

        return new StatisticsReport(from, to, flowVersion, totals,
            byDay.Select(d => new DayCount(d.Key, d.Value.Calls, d.Value.Transferred, d.Value.Contained)).ToList(),
            byHour.Select((n, hour) => new HourCount(hour, n)).ToList(),
            ended.GroupBy(c => c.Disposition!).Select(g => new DispositionCount(g.Key, g.Count())).OrderByDescending(d => d.Calls).ThenBy(d => d.Disposition, StringComparer.Ordinal).ToList(),
            Funnel(calls, menus),
            calls.Where(c => c.Disposition == Abandoned && c.Path.Count > 0)
                .GroupBy(c => c.Path[^1])
                .Select(g => new DropOff(g.Key, g.Count()))
                .OrderByDescending(d => d.Abandoned).ThenBy(d => d.Node, StringComparer.Ordinal).Take(20).ToList(),
            flowVersions);
    }

    /// <summary>Self-service completed: the call ended in the IVR, not by transfer or failure, after a service lookup.</summary>
    public static bool IsContained(CallFacts call)
        => call.Disposition is { } d && d != Transferred && d != Error && call.Served;

    private static IReadOnlyList<MenuFunnel> Funnel(IReadOnlyList<CallFacts> calls, FunnelMenus menus)
    {
        var entered = new Dictionary<MenuShape, HashSet<string>>();
        var tallies = new Dictionary<MenuShape, FunnelTally>();
        foreach (var call in calls)
        {
            MenuShape? MenuOf(string node) => menus.Find(call.FlowVersion, node);
            for (var i = 0; i < call.Path.Count; i++)
            {
                var node = call.Path[i];
                if (MenuOf(node) is not { } menu) continue;
                if (!tallies.TryGetValue(menu, out var tally)) (tallies[menu], entered[menu]) = (tally = new FunnelTally(), []);
                entered[menu].Add(call.CallId);
                tally.Versions.Add(call.FlowVersion);
                if (i + 1 < call.Path.Count && call.Path[i + 1] != node)
                    tally.Choices[call.Path[i + 1]] = tally.Choices.GetValueOrDefault(call.Path[i + 1]) + 1;
            }

            if (call.Path.Count == 0) continue;
            var lastMenu = call.Path.Select(MenuOf).LastOrDefault(m => m is not null);
            if (call.Disposition == Abandoned && MenuOf(call.Path[^1]) is { } quit) tallies[quit].Abandoned++;
            if (call.Disposition == Transferred && lastMenu is not null) tallies[lastMenu].Transferred++;
        }

        foreach (var (menu, callIds) in entered) tallies[menu].Entered = callIds.Count;
        return FunnelTally.Rows(tallies);
    }
}
