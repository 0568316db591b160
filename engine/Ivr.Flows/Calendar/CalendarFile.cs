using System.Globalization;
using System.Text.RegularExpressions;
using Ivr.Core.Calendar;
using Ivr.Flows.Prompts;
using YamlDotNet.RepresentationModel;

namespace Ivr.Flows.Calendar;

/// <summary>
/// Reads flows/calendar.yaml into a <see cref="ServiceCalendar"/>:
/// <code>
/// utc_offset: "+08:00"
/// schedules:
///   agents:
///     observes_holidays: true        # default true
///     hours:
///       weekdays: [08:00-12:00, 13:00-20:00]   # monday … sunday, weekdays, weekend, every_day
/// holidays:
///   - { name: 国庆节, from: 2026-10-01, to: 2026-10-07 }
/// make_up_working_days:
///   - { date: 2026-10-10, name: 国庆节调休上班 }
/// </code>
/// Every problem is reported at once with its line and column (bad or overlapping time ranges,
/// unknown day names and fields, dates out of order, make-up days inside holidays).
/// </summary>
public static partial class CalendarFile
{
    private static readonly string[] TopFields = ["utc_offset", "schedules", "holidays", "make_up_working_days"];
    private static readonly string[] HolidayFields = ["name", "from", "to"];
    private static readonly string[] MakeUpFields = ["date", "name"];

    public static CalendarLoadResult Load(string path)
    {
        if (!File.Exists(path))
            return new(null, [Diagnostic.Error(SourceLocation.File(path), "calendar file not found; create it (see flows/calendar.yaml)")]);
        return Parse(File.ReadAllText(path), path);
    }

    public static CalendarLoadResult Parse(string yaml, string path)
    {
        var diagnostics = new List<Diagnostic>();
        var root = YamlSource.Load(yaml, path, diagnostics);
        if (root is null) return new(null, diagnostics);
        if (root is not YamlMappingNode top)
        {
            diagnostics.Add(Diagnostic.Error(root.At(path), $"the calendar must be a mapping with {string.Join(", ", TopFields)}"));
            return new(null, diagnostics);
        }

        TimeSpan? offset = null;
        List<WeeklySchedule>? schedules = null;
        var holidays = new List<(PublicHoliday Holiday, YamlNode Node)>();
        var makeUps = new List<(MakeUpWorkingDay Day, YamlNode Node)>();
        foreach (var (keyNode, value) in top.Children)
        {
            switch ((keyNode as YamlScalarNode)?.Value)
            {
                case "utc_offset":
                    offset = ReadOffset(value, path, diagnostics);
                    break;
                case "schedules":
                    schedules = ScheduleReader.Read(value, path, diagnostics);
                    break;
                case "holidays":
                    foreach (var item in Items(value, "holidays", path, diagnostics))
                        if (ReadHoliday(item, path, diagnostics) is { } holiday) holidays.Add((holiday, item));
                    break;
                case "make_up_working_days":
                    foreach (var item in Items(value, "make_up_working_days", path, diagnostics))
                        if (ReadMakeUp(item, path, diagnostics) is { } day) makeUps.Add((day, item));
                    break;
                default:
                    diagnostics.Add(Diagnostic.Error(keyNode.At(path), $"unknown field '{(keyNode as YamlScalarNode)?.Value}'; the calendar has only {string.Join(", ", TopFields)}"));
                    break;
            }
        }

        if (offset is null && !top.Children.ContainsKey("utc_offset"))
            diagnostics.Add(Diagnostic.Error(top.At(path), "missing 'utc_offset'; add 'utc_offset: \"+08:00\"' for China"));
        if (schedules is null)
            diagnostics.Add(Diagnostic.Error(top.At(path), "missing 'schedules'; add at least one schedule with its hours"));
        CheckHolidayOrder(holidays, path, diagnostics);
        CheckMakeUpDays(makeUps, holidays, path, diagnostics);

        if (diagnostics.Any(d => d.Severity == Severity.Error) || offset is null || schedules is null) return new(null, diagnostics);
        var calendar = new ServiceCalendar(offset.Value, schedules, holidays.Select(h => h.Holiday), makeUps.Select(m => m.Day));
        return new(calendar, diagnostics);
    }

    private static void CheckHolidayOrder(List<(PublicHoliday Holiday, YamlNode Node)> holidays, string path, List<Diagnostic> diagnostics)
    {
        for (var i = 1; i < holidays.Count; i++)
        {
            var (previous, current) = (holidays[i - 1].Holiday, holidays[i].Holiday);
            if (current.First < previous.First)
                diagnostics.Add(Diagnostic.Warning(holidays[i].Node.At(path), $"holiday '{current.Name}' is listed after '{previous.Name}' but comes earlier; keep the list in date order"));
        }

        var sorted = holidays.OrderBy(h => h.Holiday.First).ToList();
        for (var i = 1; i < sorted.Count; i++)
        {
            if (sorted[i].Holiday.First <= sorted[i - 1].Holiday.Last)
                diagnostics.Add(Diagnostic.Error(sorted[i].Node.At(path),
                    $"holiday '{sorted[i].Holiday.Name}' overlaps '{sorted[i - 1].Holiday.Name}' ({sorted[i - 1].Holiday.First:yyyy-MM-dd} – {sorted[i - 1].Holiday.Last:yyyy-MM-dd}); fix the dates or merge them"));
        }
    }

    private static void CheckMakeUpDays(
        List<(MakeUpWorkingDay Day, YamlNode Node)> makeUps, List<(PublicHoliday Holiday, YamlNode Node)> holidays, string path, List<Diagnostic> diagnostics)
    {
        var seen = new HashSet<DateOnly>();
        for (var i = 0; i < makeUps.Count; i++)
        {
            var (day, node) = makeUps[i];
            if (!seen.Add(day.Date))
                diagnostics.Add(Diagnostic.Error(node.At(path), $"make-up working day {day.Date:yyyy-MM-dd} is listed twice; remove one"));
            if (holidays.FirstOrDefault(h => h.Holiday.Contains(day.Date)).Holiday is { } holiday)
                diagnostics.Add(Diagnostic.Error(node.At(path), $"make-up working day {day.Date:yyyy-MM-dd} falls inside holiday '{holiday.Name}'; check the dates of the notice"));
            if (day.Date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
                diagnostics.Add(Diagnostic.Warning(node.At(path), $"make-up working day {day.Date:yyyy-MM-dd} is a {day.Date.DayOfWeek}, a working day anyway; make-up days are weekend days"));
            if (i > 0 && day.Date < makeUps[i - 1].Day.Date)
                diagnostics.Add(Diagnostic.Warning(node.At(path), $"make-up working day {day.Date:yyyy-MM-dd} is listed after {makeUps[i - 1].Day.Date:yyyy-MM-dd}; keep the list in date order"));
        }
    }

    private static IEnumerable<YamlMappingNode> Items(YamlNode node, string field, string path, List<Diagnostic> diagnostics)
    {
        if (node is YamlScalarNode { Value: null or "" }) yield break;
        if (node is not YamlSequenceNode list)
        {
            diagnostics.Add(Diagnostic.Error(node.At(path), $"'{field}' must be a list of entries, each starting with '- '"));
            yield break;
        }

        foreach (var item in list.Children)
        {
            if (item is YamlMappingNode mapping) yield return mapping;
            else diagnostics.Add(Diagnostic.Error(item.At(path), $"each entry of '{field}' must have named fields, e.g. '- {{ name: …, from: …, to: … }}'"));
        }
    }

    private static PublicHoliday? ReadHoliday(YamlMappingNode item, string path, List<Diagnostic> diagnostics)
    {
        var fields = Fields(item, HolidayFields, "holiday", path, diagnostics);
        var name = Text(fields, item, "name", path, diagnostics);
        var from = Date(fields, item, "from", path, diagnostics);
        var to = Date(fields, item, "to", path, diagnostics);
        if (name is null || from is null || to is null) return null;
        if (to < from)
        {
            diagnostics.Add(Diagnostic.Error(fields["to"].At(path), $"holiday '{name}' ends ({to:yyyy-MM-dd}) before it starts ({from:yyyy-MM-dd}); swap or fix the dates"));
            return null;
        }

        return new PublicHoliday(name, from.Value, to.Value);
    }

    private static MakeUpWorkingDay? ReadMakeUp(YamlMappingNode item, string path, List<Diagnostic> diagnostics)
    {
        var fields = Fields(item, MakeUpFields, "make-up working day", path, diagnostics);
        var date = Date(fields, item, "date", path, diagnostics);
        var name = fields.TryGetValue("name", out var node) ? (node as YamlScalarNode)?.Value ?? "" : "";
        return date is null ? null : new MakeUpWorkingDay(date.Value, name);
    }

    private static Dictionary<string, YamlNode> Fields(YamlMappingNode item, string[] known, string what, string path, List<Diagnostic> diagnostics)
    {
        var fields = new Dictionary<string, YamlNode>();
        foreach (var (keyNode, value) in item.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value ?? "";
            if (known.Contains(key)) fields[key] = value;
            else diagnostics.Add(Diagnostic.Error(keyNode.At(path), $"unknown field '{key}' in a {what}; it has only {string.Join(", ", known)}"));
        }

        return fields;
    }

    private static string? Text(Dictionary<string, YamlNode> fields, YamlNode item, string field, string path, List<Diagnostic> diagnostics)
    {
        if (fields.TryGetValue(field, out var node) && node is YamlScalarNode { Value: { Length: > 0 } value }) return value;
        diagnostics.Add(Diagnostic.Error((node ?? item).At(path), $"missing '{field}'; add '{field}: …'"));
        return null;
    }

    private static DateOnly? Date(Dictionary<string, YamlNode> fields, YamlNode item, string field, string path, List<Diagnostic> diagnostics)
    {
        var text = Text(fields, item, field, path, diagnostics);
        if (text is null) return null;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return date;
        diagnostics.Add(Diagnostic.Error(fields[field].At(path), $"'{text}' is not a date; write yyyy-MM-dd, e.g. 2026-10-01"));
        return null;
    }

    private static TimeSpan? ReadOffset(YamlNode node, string path, List<Diagnostic> diagnostics)
    {
        var match = OffsetPattern().Match((node as YamlScalarNode)?.Value ?? "");
        if (match.Success)
        {
            var offset = new TimeSpan(int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture), int.Parse(match.Groups[3].Value, CultureInfo.InvariantCulture), 0);
            if (offset <= TimeSpan.FromHours(14) && offset.Minutes < 60) return match.Groups[1].Value == "-" ? -offset : offset;
        }

        diagnostics.Add(Diagnostic.Error(node.At(path), "'utc_offset' must look like \"+08:00\" (quoted), between -14:00 and +14:00"));
        return null;
    }

    [GeneratedRegex(@"^([+-])(\d{2}):(\d{2})$")]
    private static partial Regex OffsetPattern();
}
