using Ivr.Core.Calendar;
using Ivr.Data.Services;
using Ivr.Flows.Model;

namespace Ivr.Host.Hosting;

/// <summary>
/// The working-day rule of the calendar serving now (flows/calendar.yaml, hot-reloaded with the flows), as
/// the back end's callback due dates see it: a saved calendar counts from the next ticket on, without a
/// restart. Monday to Friday while the flow set has no calendar. <see cref="CountWorkingDays"/> also says whether the date
/// was counted past the last year the calendar lists.
/// </summary>
public sealed class ServingCalendar(Func<FlowSet?> current)
{
    public WorkingDayDate CountWorkingDays(DateOnly from, int days) =>
        current()?.Calendar is { } calendar ? calendar.CountWorkingDays(from, days) : WeekendCalendar.CountWorkingDays(from, days);
}
