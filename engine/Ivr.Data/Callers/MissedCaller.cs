using Ivr.Core.Calendar;

namespace Ivr.Data.Callers;

/// <summary>
/// One row of the 回拨 list: a caller number (in clear, for the agent's dialler — every view masks it) with the
/// missed calls since it was last served or its last call back that closed it: how many, the first and the last (its
/// call id names the row), the last mark on them (<see cref="CallbackMark"/>, null when nobody called back yet) and how
/// many marks there were. <see cref="Open"/> unless that mark took the number off the list.
/// </summary>
public sealed record MissedCaller(string Caller, int Count, DateTimeOffset FirstMissedAt, DateTimeOffset LastMissedAt, string LastCallId,
    CallbackMark? LastMark = null, int Attempts = 0)
{
    /// <summary>Still to be called back: never marked, or last marked no answer / rescheduled.</summary>
    public bool Open => LastMark is null || LastMark.KeepsOnList;

    /// <summary>When an agent should return the call: <see cref="MissedCallRule.CallbackWorkingDays"/> working days after
    /// the first missed call's (China) date, or after the last mark's when it kept the number on the list, by the same
    /// working-day rule as voice messages' due dates — marked when that rule counted past the calendar's last year
    /// (the console's 回拨 list and <c>ivr missed</c> both show the mark).</summary>
    public WorkingDayDate Due(Func<DateOnly, int, WorkingDayDate> countWorkingDays) => countWorkingDays(DueFrom, MissedCallRule.CallbackWorkingDays);

    /// <summary>The China date the due date counts from: the last mark's when it kept the number on the list, else the first missed call's.</summary>
    private DateOnly DueFrom
        => DateOnly.FromDateTime(Security.ChinaTime.ToChina(LastMark is { KeepsOnList: true } mark ? mark.MarkedAt : FirstMissedAt).DateTime);
}
