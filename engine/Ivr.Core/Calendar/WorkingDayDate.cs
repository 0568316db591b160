namespace Ivr.Core.Calendar;

/// <summary>
/// A date reached by counting working days (a callback's due date, "5个工作日内"), and whether the count ran through a
/// year the calendar lists no holiday or make-up working day for (<see cref="ServiceCalendar.CoversYear"/>): there only
/// weekends were skipped, so the date is an estimate until the State Council's schedule for that year is filled in.
/// </summary>
public readonly record struct WorkingDayDate(DateOnly Date, bool BeyondCalendar)
{
    /// <summary>A date counted by a rule that claims to know no holidays at all (weekends only, no calendar wired).</summary>
    public static WorkingDayDate Plain(DateOnly date) => new(date, false);
}
