using Ivr.Data.Operations;

namespace Ivr.OperationsConsole.Statistics;

/// <summary>
/// Turns per-call facts into the statistics report. Pure arithmetic, so tests can check every figure:
/// containment = ended, not transferred, not failed, and a service lookup completed; hang-ups inside
/// the IVR = disposition <c>abandoned</c>; the funnel follows each call's node path through the menus.
/// </summary>
public static class StatisticsBuilder
{
    public const string Transferred = "transferred";
    public const string Abandoned = "abandoned";
    public const string InputFailed = "input_failed";
    public const string Error = "error";

    public static StatisticsReport Build(
        DateOnly from,
        DateOnly to,
        string? flowVersion,
        TimeSpan utcOffset,
        IReadOnlyList<CallFacts> calls,
        IReadOnlyList<int> surveyScores,
        long voiceMessages,
        long? faxes,
        Func<string, bool> isMenu,
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
            Funnel(calls, isMenu),
            calls.Where(c => c.Disposition == Abandoned && c.Path.Count > 0)
                .GroupBy(c => c.Path[^1])
                .Select(g => new DropOff(g.Key, g.Count()))
                .OrderByDescending(d => d.Abandoned).ThenBy(d => d.Node, StringComparer.Ordinal).Take(20).ToList(),
            flowVersions);
    }

    /// <summary>Self-service completed: the call ended in the IVR, not by transfer or failure, after a service lookup.</summary>
    public static bool IsContained(CallFacts call)
        => call.Disposition is { } d && d != Transferred && d != Error && call.Served;

    private static IReadOnlyList<MenuFunnel> Funnel(IReadOnlyList<CallFacts> calls, Func<string, bool> isMenu)
    {
        var menus = new Dictionary<string, (HashSet<string> Entered, int Abandoned, int Transferred, Dictionary<string, int> Choices)>(StringComparer.Ordinal);
        foreach (var call in calls)
        {
            for (var i = 0; i < call.Path.Count; i++)
            {
                var node = call.Path[i];
                if (!isMenu(node)) continue;
                if (!menus.TryGetValue(node, out var menu)) menus[node] = menu = ([], 0, 0, new Dictionary<string, int>(StringComparer.Ordinal));
                menu.Entered.Add(call.CallId);
                if (i + 1 < call.Path.Count && call.Path[i + 1] != node)
                    menu.Choices[call.Path[i + 1]] = menu.Choices.GetValueOrDefault(call.Path[i + 1]) + 1;
            }

            if (call.Path.Count == 0) continue;
            var last = call.Path[^1];
            var lastMenu = call.Path.LastOrDefault(isMenu);
            if (call.Disposition == Abandoned && isMenu(last) && menus.TryGetValue(last, out var quit))
                menus[last] = quit with { Abandoned = quit.Abandoned + 1 };
            if (call.Disposition == Transferred && lastMenu is not null && menus.TryGetValue(lastMenu, out var origin))
                menus[lastMenu] = origin with { Transferred = origin.Transferred + 1 };
        }

        return menus
            .Select(m => new MenuFunnel(m.Key, m.Value.Entered.Count, m.Value.Abandoned, m.Value.Transferred,
                m.Value.Choices.Select(c => new MenuChoice(c.Key, c.Value)).OrderByDescending(c => c.Calls).ThenBy(c => c.Node, StringComparer.Ordinal).ToList()))
            .OrderByDescending(m => m.Entered).ThenBy(m => m.Menu, StringComparer.Ordinal)
            .ToList();
    }
}
