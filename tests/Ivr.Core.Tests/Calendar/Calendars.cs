using Ivr.Core.Calendar;

namespace Ivr.Core.Tests.Calendar;

/// <summary>The hotline calendar of 2026 (State Council notice 国办发明电〔2025〕7号) built in code.</summary>
internal static class Calendars
{
    public static readonly TimeSpan China = TimeSpan.FromHours(8);

    public static WeeklySchedule Agents()
    {
        IReadOnlyList<TimeRange> day = [Range("08:00", "12:00"), Range("13:00", "20:00")];
        var hours = new Dictionary<DayOfWeek, IReadOnlyList<TimeRange>>
        {
            [DayOfWeek.Monday] = day, [DayOfWeek.Tuesday] = day, [DayOfWeek.Wednesday] = day,
            [DayOfWeek.Thursday] = day, [DayOfWeek.Friday] = day,
        };
        return new WeeklySchedule("agents", hours);
    }

    public static ServiceCalendar Year2026() => new(
        China,
        [Agents(), WeeklySchedule.Always("self_service")],
        [
            new PublicHoliday("元旦", D("2026-01-01"), D("2026-01-03")),
            new PublicHoliday("春节", D("2026-02-15"), D("2026-02-23")),
            new PublicHoliday("清明节", D("2026-04-04"), D("2026-04-06")),
            new PublicHoliday("劳动节", D("2026-05-01"), D("2026-05-05")),
            new PublicHoliday("端午节", D("2026-06-19"), D("2026-06-21")),
            new PublicHoliday("中秋节", D("2026-09-25"), D("2026-09-27")),
            new PublicHoliday("国庆节", D("2026-10-01"), D("2026-10-07")),
        ],
        [
            new MakeUpWorkingDay(D("2026-01-04"), "元旦调休"),
            new MakeUpWorkingDay(D("2026-02-14"), "春节调休"),
            new MakeUpWorkingDay(D("2026-02-28"), "春节调休"),
            new MakeUpWorkingDay(D("2026-05-09"), "劳动节调休"),
            new MakeUpWorkingDay(D("2026-09-20"), "国庆节调休"),
            new MakeUpWorkingDay(D("2026-10-10"), "国庆节调休"),
        ]);

    public static DateOnly D(string iso) => DateOnly.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A local Beijing time, e.g. "2026-11-23 09:30".</summary>
    public static DateTimeOffset Beijing(string local) =>
        new(DateTime.Parse(local, System.Globalization.CultureInfo.InvariantCulture), China);

    public static TimeRange Range(string start, string end) => new(TimeSpan.Parse(start), end == "24:00" ? TimeRange.EndOfDay : TimeSpan.Parse(end));
}
