using Ivr.Core.Calendar;

namespace Ivr.Flows.Calendar;

/// <summary>
/// The calendar's horizon: the State Council publishes each year's holidays and 调休 days in November, and working-day
/// arithmetic (callback due dates) is only right for years the calendar lists. A year with no holiday and no make-up
/// working day in calendar.yaml, that has begun or begins within <see cref="Warning"/>, is reported.
/// </summary>
public static class CalendarHorizon
{
    /// <summary>How far ahead a missing year is reported.</summary>
    public static readonly TimeSpan Warning = TimeSpan.FromDays(60);

    /// <summary>The years from <paramref name="today"/>'s to the one starting within <see cref="Warning"/> that the calendar does not cover.</summary>
    public static IReadOnlyList<int> MissingYears(ServiceCalendar calendar, DateOnly today)
    {
        var last = today.AddDays((int)Warning.TotalDays).Year;
        return Enumerable.Range(today.Year, last - today.Year + 1).Where(year => !calendar.CoversYear(year)).ToList();
    }

    /// <summary>The warnings for calendar.yaml at <paramref name="path"/> (the whole file), one per missing year.</summary>
    public static IEnumerable<Diagnostic> Check(ServiceCalendar calendar, string path, DateOnly today)
        => MissingYears(calendar, today).Select(year => Diagnostic.Warning(SourceLocation.File(path), year <= today.Year
            ? $"the calendar has no holidays or make-up working days for {year}, the current year; add the State Council's {year} holiday schedule — until then due dates count only weekends"
            : $"the calendar has no holidays or make-up working days for {year}, which starts in {new DateOnly(year, 1, 1).DayNumber - today.DayNumber} days; add the State Council's {year} holiday schedule (published each November) — until then due dates in {year} count only weekends"));
}
