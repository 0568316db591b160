namespace Ivr.Core.Calendar;

/// <summary>
/// Service hours and working days of the hotline, in its local time (China: UTC+08:00).
/// <list type="bullet">
/// <item>A public holiday closes every schedule that observes holidays: <see cref="Check"/> returns
/// <see cref="HoursStatus.Holiday"/> even inside the weekday hours (holiday wins over open).</item>
/// <item>A make-up working day (调休, a weekend working day) opens schedules with the hours of a
/// regular working day, taken from the schedule's Monday hours — agents do work then.</item>
/// <item>Working days (for "within 5 working days" promises) are Monday–Friday plus make-up days,
/// minus public holidays.</item>
/// </list>
/// Times are always passed in (an instant, or an injected <see cref="TimeProvider"/>); nothing here reads the system clock.
/// </summary>
public sealed class ServiceCalendar
{
    private readonly Dictionary<string, WeeklySchedule> _schedules;
    private readonly PublicHoliday[] _holidays;
    private readonly Dictionary<DateOnly, MakeUpWorkingDay> _makeUpDays;

    public ServiceCalendar(
        TimeSpan utcOffset,
        IEnumerable<WeeklySchedule> schedules,
        IEnumerable<PublicHoliday>? holidays = null,
        IEnumerable<MakeUpWorkingDay>? makeUpWorkingDays = null)
    {
        if (utcOffset < TimeSpan.FromHours(-14) || utcOffset > TimeSpan.FromHours(14))
            throw new ArgumentOutOfRangeException(nameof(utcOffset), utcOffset, "UTC offset must be within ±14:00");
        UtcOffset = utcOffset;
        _schedules = [];
        foreach (var schedule in schedules)
        {
            if (!_schedules.TryAdd(schedule.Name, schedule)) throw new ArgumentException($"schedule '{schedule.Name}' is defined twice");
        }

        _holidays = (holidays ?? []).OrderBy(h => h.First).ToArray();
        for (var i = 1; i < _holidays.Length; i++)
        {
            if (_holidays[i].First <= _holidays[i - 1].Last)
                throw new ArgumentException($"holidays '{_holidays[i - 1].Name}' and '{_holidays[i].Name}' overlap");
        }

        _makeUpDays = [];
        foreach (var day in makeUpWorkingDays ?? [])
        {
            if (HolidayOn(day.Date) is { } holiday)
                throw new ArgumentException($"make-up working day {day.Date:yyyy-MM-dd} falls in holiday '{holiday.Name}'");
            if (!_makeUpDays.TryAdd(day.Date, day)) throw new ArgumentException($"make-up working day {day.Date:yyyy-MM-dd} is listed twice");
        }
    }

    public TimeSpan UtcOffset { get; }

    public IReadOnlyCollection<string> ScheduleNames => _schedules.Keys;

    public IReadOnlyList<PublicHoliday> Holidays => _holidays;

    public IReadOnlyCollection<MakeUpWorkingDay> MakeUpWorkingDays => _makeUpDays.Values;

    public bool HasSchedule(string name) => _schedules.ContainsKey(name);

    public WeeklySchedule Schedule(string name) =>
        _schedules.TryGetValue(name, out var schedule)
            ? schedule
            : throw new ArgumentException($"unknown schedule '{name}'; known: {string.Join(", ", _schedules.Keys)}", nameof(name));

    /// <summary>The hotline's local date and time of an instant.</summary>
    public DateTime LocalTime(DateTimeOffset at) => at.ToOffset(UtcOffset).DateTime;

    public DateOnly LocalDate(DateTimeOffset at) => DateOnly.FromDateTime(LocalTime(at));

    public HoursStatus Check(string schedule, DateTimeOffset at)
    {
        var hours = Schedule(schedule);
        var local = LocalTime(at);
        var date = DateOnly.FromDateTime(local);
        if (hours.ObservesHolidays && HolidayOn(date) is not null) return HoursStatus.Holiday;
        var day = _makeUpDays.ContainsKey(date) ? DayOfWeek.Monday : local.DayOfWeek;
        return hours.IsOpen(day, local.TimeOfDay) ? HoursStatus.Open : HoursStatus.Closed;
    }

    /// <summary><see cref="Check(string, DateTimeOffset)"/> at the injected clock's current time.</summary>
    public HoursStatus Check(string schedule, TimeProvider time) => Check(schedule, time.GetUtcNow());

    /// <summary>Today's local date by the injected clock.</summary>
    public DateOnly Today(TimeProvider time) => LocalDate(time.GetUtcNow());

    public PublicHoliday? HolidayOn(DateOnly date) => _holidays.FirstOrDefault(h => h.Contains(date));

    public bool IsMakeUpWorkingDay(DateOnly date) => _makeUpDays.ContainsKey(date);

    public bool IsWorkingDay(DateOnly date) =>
        HolidayOn(date) is null && (_makeUpDays.ContainsKey(date) || date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday));

    /// <summary>
    /// The date <paramref name="days"/> working days after <paramref name="from"/> (which itself is not
    /// counted): a callback promised "within 5 working days" on a Friday before a 7-day holiday falls
    /// after the holiday; make-up Saturdays count. <paramref name="days"/> = 0 returns <paramref name="from"/>.
    /// </summary>
    public DateOnly AddWorkingDays(DateOnly from, int days)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        var date = from;
        for (var counted = 0; counted < days;)
        {
            date = date.AddDays(1);
            if (IsWorkingDay(date)) counted++;
        }

        return date;
    }

    /// <summary>
    /// Whether the calendar lists a public holiday or a make-up working day in <paramref name="year"/>: the years whose
    /// working days it knows. In any other year <see cref="IsWorkingDay"/> can only skip weekends.
    /// </summary>
    public bool CoversYear(int year)
        => _holidays.Any(h => h.First.Year == year || h.Last.Year == year) || _makeUpDays.Keys.Any(d => d.Year == year);

    /// <summary>
    /// <see cref="AddWorkingDays"/>, marked <see cref="WorkingDayDate.BeyondCalendar"/> when a day it counted lies in a
    /// year the calendar does not cover (<see cref="CoversYear"/>): a due date in 2027 from a calendar that lists 2026 only.
    /// </summary>
    public WorkingDayDate CountWorkingDays(DateOnly from, int days)
    {
        var due = AddWorkingDays(from, days);
        if (due == from) return new(due, false);
        var first = from.AddDays(1).Year;
        return new(due, Enumerable.Range(first, due.Year - first + 1).Any(year => !CoversYear(year)));
    }
}
