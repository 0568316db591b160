using Ivr.Core.Calendar;

namespace Ivr.Data.Services;

/// <summary>The fallback working-day rule when no holiday calendar is wired: Monday to Friday.</summary>
public static class WeekendCalendar
{
    /// <summary>The date <paramref name="days"/> working days after <paramref name="from"/> (which itself does not count).</summary>
    public static DateOnly AddWorkingDays(DateOnly from, int days)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        var date = from;
        while (days > 0)
        {
            date = date.AddDays(1);
            if (date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)) days--;
        }
        return date;
    }

    /// <summary><see cref="AddWorkingDays"/> as a <see cref="WorkingDayDate"/>: never marked beyond a calendar, as there is none.</summary>
    public static WorkingDayDate CountWorkingDays(DateOnly from, int days) => WorkingDayDate.Plain(AddWorkingDays(from, days));
}
