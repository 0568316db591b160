using Ivr.Core.Calendar;
using Ivr.Core.Privacy;
using Ivr.Data.Operations;

namespace Ivr.OperationsConsole.Work;

/// <summary>A voice message or follow-up as the API shows it: the callback number masked, the deadline in working days
/// (<c>dueBeyondCalendar</c>: counted past the last year the calendar lists, an estimate).</summary>
internal static class WorkItemView
{
    public static object Of(WorkItem item, DateOnly today, ServiceCalendar? calendar)
    {
        var overdue = !item.IsDone && today > item.DueDate;
        var daysLeft = WorkingDaysBetween(today, item.DueDate, calendar);
        var dueBeyondCalendar = item.DueBeyondCalendar;
        return item.Kind == WorkItemKind.Message
            ? new
            {
                item.Id, item.CallId, callbackMasked = Mask.Phone(item.CallbackNumber), item.Reason, item.CreatedAt, item.DueDate, dueBeyondCalendar, overdue,
                workingDaysLeft = daysLeft, item.Status, item.AssignedTo, item.Outcome, calledBackAt = item.DoneAt, calledBackBy = item.DoneBy,
                hasRecording = !string.IsNullOrEmpty(item.Recording), incomplete = item.Incomplete,
                complaint = item.IsComplaint, emergency = item.EmergencyAt is not null, item.EmergencyAt,
            }
            : new
            {
                item.Id, item.CallId, callbackMasked = (string?)null, item.Reason, item.CreatedAt, item.DueDate, dueBeyondCalendar, overdue,
                workingDaysLeft = daysLeft, item.Status, item.AssignedTo, item.Outcome, calledBackAt = item.DoneAt, calledBackBy = item.DoneBy,
                hasRecording = false, incomplete = false,
                complaint = false, emergency = false, EmergencyAt = (DateTimeOffset?)null,
            };
    }

    /// <summary>Working days from today to the due date (0 on the due date, negative once past it).</summary>
    public static int WorkingDaysBetween(DateOnly today, DateOnly due, ServiceCalendar? calendar)
    {
        bool Working(DateOnly d) => calendar?.IsWorkingDay(d) ?? d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);
        var sign = due >= today ? 1 : -1;
        var count = 0;
        for (var d = today; d != due; d = d.AddDays(sign))
            if (Working(d.AddDays(sign))) count++;
        return sign * count;
    }
}
