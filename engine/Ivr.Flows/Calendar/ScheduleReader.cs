using System.Globalization;
using System.Text.RegularExpressions;
using Ivr.Core.Calendar;
using Ivr.Flows.Prompts;
using YamlDotNet.RepresentationModel;

namespace Ivr.Flows.Calendar;

/// <summary>Reads the <c>schedules:</c> section of flows/calendar.yaml into <see cref="WeeklySchedule"/>s.</summary>
internal static partial class ScheduleReader
{
    private static readonly string[] ScheduleFields = ["observes_holidays", "hours"];

    private static readonly Dictionary<string, DayOfWeek[]> DayNames = new()
    {
        ["monday"] = [DayOfWeek.Monday],
        ["tuesday"] = [DayOfWeek.Tuesday],
        ["wednesday"] = [DayOfWeek.Wednesday],
        ["thursday"] = [DayOfWeek.Thursday],
        ["friday"] = [DayOfWeek.Friday],
        ["saturday"] = [DayOfWeek.Saturday],
        ["sunday"] = [DayOfWeek.Sunday],
        ["weekdays"] = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday],
        ["weekend"] = [DayOfWeek.Saturday, DayOfWeek.Sunday],
        ["every_day"] = Enum.GetValues<DayOfWeek>(),
    };

    public static List<WeeklySchedule> Read(YamlNode node, string path, List<Diagnostic> diagnostics)
    {
        var schedules = new List<WeeklySchedule>();
        if (node is not YamlMappingNode mapping || mapping.Children.Count == 0)
        {
            diagnostics.Add(Diagnostic.Error(node.At(path), "'schedules' must name at least one schedule, e.g. 'agents:' with its 'hours:'"));
            return schedules;
        }

        foreach (var (nameNode, body) in mapping.Children)
        {
            var name = (nameNode as YamlScalarNode)?.Value ?? "";
            if (!NamePattern().IsMatch(name))
            {
                diagnostics.Add(Diagnostic.Error(nameNode.At(path), $"schedule name '{name}' may use only lowercase letters, digits and '_'; flows refer to it by this name"));
                continue;
            }

            if (ReadSchedule(name, body, path, diagnostics) is { } schedule) schedules.Add(schedule);
        }

        return schedules;
    }

    private static WeeklySchedule? ReadSchedule(string name, YamlNode body, string path, List<Diagnostic> diagnostics)
    {
        if (body is not YamlMappingNode fields)
        {
            diagnostics.Add(Diagnostic.Error(body.At(path), $"schedule '{name}' needs 'hours:' (and optionally 'observes_holidays:')"));
            return null;
        }

        var errorsBefore = diagnostics.Count(d => d.Severity == Severity.Error);
        var observesHolidays = true;
        Dictionary<DayOfWeek, IReadOnlyList<TimeRange>>? hours = null;
        foreach (var (keyNode, value) in fields.Children)
        {
            switch ((keyNode as YamlScalarNode)?.Value)
            {
                case "observes_holidays":
                    if (value is YamlScalarNode { Value: "true" or "false" } flag) observesHolidays = flag.Value == "true";
                    else diagnostics.Add(Diagnostic.Error(value.At(path), "'observes_holidays' must be true or false"));
                    break;
                case "hours":
                    hours = ReadHours(name, value, path, diagnostics);
                    break;
                default:
                    diagnostics.Add(Diagnostic.Error(keyNode.At(path),
                        $"unknown field '{(keyNode as YamlScalarNode)?.Value}' in schedule '{name}'; a schedule has only {string.Join(", ", ScheduleFields)}"));
                    break;
            }
        }

        if (hours is null)
            diagnostics.Add(Diagnostic.Error(fields.At(path), $"schedule '{name}' has no 'hours:'; add e.g. 'weekdays: [08:00-12:00, 13:00-20:00]'"));
        if (hours is null || diagnostics.Count(d => d.Severity == Severity.Error) > errorsBefore) return null;
        return new WeeklySchedule(name, hours, observesHolidays);
    }

    private static Dictionary<DayOfWeek, IReadOnlyList<TimeRange>>? ReadHours(string schedule, YamlNode node, string path, List<Diagnostic> diagnostics)
    {
        if (node is not YamlMappingNode days)
        {
            diagnostics.Add(Diagnostic.Error(node.At(path), "'hours' must map days to time ranges, e.g. 'weekdays: [08:00-12:00, 13:00-20:00]'"));
            return null;
        }

        var hours = new Dictionary<DayOfWeek, IReadOnlyList<TimeRange>>();
        var givenBy = new Dictionary<DayOfWeek, string>();
        foreach (var (dayNode, rangesNode) in days.Children)
        {
            var dayName = (dayNode as YamlScalarNode)?.Value ?? "";
            if (!DayNames.TryGetValue(dayName, out var covered))
            {
                diagnostics.Add(Diagnostic.Error(dayNode.At(path), $"unknown day '{dayName}' in schedule '{schedule}'; use {string.Join(", ", DayNames.Keys)}"));
                continue;
            }

            var ranges = ReadRanges(rangesNode, path, diagnostics);
            if (ranges is null) continue;
            foreach (var day in covered)
            {
                if (givenBy.TryGetValue(day, out var earlier))
                {
                    diagnostics.Add(Diagnostic.Error(dayNode.At(path),
                        $"{day} is given twice in schedule '{schedule}' (by '{earlier}' and '{dayName}'); list each day once"));
                    continue;
                }

                givenBy[day] = dayName;
                hours[day] = ranges;
            }
        }

        return hours;
    }

    private static List<TimeRange>? ReadRanges(YamlNode node, string path, List<Diagnostic> diagnostics)
    {
        if (node is not YamlSequenceNode list)
        {
            diagnostics.Add(Diagnostic.Error(node.At(path), "time ranges must be a list, e.g. [08:00-12:00, 13:00-20:00] ([] for closed)"));
            return null;
        }

        var ranges = new List<(TimeRange Range, YamlNode Node)>();
        var ok = true;
        foreach (var item in list.Children)
        {
            var text = (item as YamlScalarNode)?.Value ?? "";
            if (TryParseRange(text, out var range, out var problem))
            {
                ranges.Add((range, item));
            }
            else
            {
                diagnostics.Add(Diagnostic.Error(item.At(path), $"bad time range '{text}': {problem}; write HH:MM-HH:MM, e.g. 08:00-12:00 (24:00 for midnight)"));
                ok = false;
            }
        }

        var sorted = ranges.OrderBy(r => r.Range.Start).ToList();
        for (var i = 1; i < sorted.Count; i++)
        {
            if (!sorted[i - 1].Range.Overlaps(sorted[i].Range)) continue;
            diagnostics.Add(Diagnostic.Error(sorted[i].Node.At(path), $"time range {sorted[i].Range} overlaps {sorted[i - 1].Range}; join them or move one"));
            ok = false;
        }

        return ok ? ranges.Select(r => r.Range).ToList() : null;
    }

    private static bool TryParseRange(string text, out TimeRange range, out string problem)
    {
        range = default;
        var match = RangePattern().Match(text);
        if (!match.Success)
        {
            problem = "not in the form HH:MM-HH:MM";
            return false;
        }

        var start = Time(match.Groups[1].Value, match.Groups[2].Value);
        var end = Time(match.Groups[3].Value, match.Groups[4].Value);
        if (start is null || end is null || start >= TimeRange.EndOfDay)
            problem = "hours go from 00 to 23 (24:00 only as an end), minutes from 00 to 59";
        else if (start >= end)
            problem = "the end is not after the start";
        else
        {
            range = new TimeRange(start.Value, end.Value);
            problem = "";
            return true;
        }

        return false;
    }

    private static TimeSpan? Time(string hours, string minutes)
    {
        var h = int.Parse(hours, CultureInfo.InvariantCulture);
        var m = int.Parse(minutes, CultureInfo.InvariantCulture);
        if (m > 59 || h > 24 || (h == 24 && m > 0)) return null;
        return new TimeSpan(h, m, 0);
    }

    [GeneratedRegex(@"^\s*(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*$")]
    private static partial Regex RangePattern();

    [GeneratedRegex("^[a-z][a-z0-9_]*$")]
    private static partial Regex NamePattern();
}
