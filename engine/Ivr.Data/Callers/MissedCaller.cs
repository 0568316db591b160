using Ivr.Core.Calendar;

namespace Ivr.Data.Callers;

/// <summary>
/// One row of the 回拨 list: a caller number (in clear, for the agent's dialler — every view masks it) with the
/// missed calls since it was last served or called back: how many, the first and the last (its call id names the row).
/// </summary>
public sealed record MissedCaller(string Caller, int Count, DateTimeOffset FirstMissedAt, DateTimeOffset LastMissedAt, string LastCallId)
{
    /// <summary>When an agent should have returned the call: <see cref="MissedCallRule.CallbackWorkingDays"/> working days after
    /// the first missed call's (China) date, by the same working-day rule as voice messages' due dates.</summary>
    public DateOnly DueDate(Func<DateOnly, int, DateOnly> addWorkingDays) => addWorkingDays(FirstMissedDate, MissedCallRule.CallbackWorkingDays);

    /// <summary><see cref="DueDate"/> by a rule that also says whether it counted past the calendar's last year.</summary>
    public WorkingDayDate Due(Func<DateOnly, int, WorkingDayDate> countWorkingDays)
        => countWorkingDays(FirstMissedDate, MissedCallRule.CallbackWorkingDays);

    /// <summary>The first missed call's date in China.</summary>
    private DateOnly FirstMissedDate => DateOnly.FromDateTime(Security.ChinaTime.ToChina(FirstMissedAt).DateTime);
}
