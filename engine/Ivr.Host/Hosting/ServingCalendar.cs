using Ivr.Data.Services;
using Ivr.Flows.Model;

namespace Ivr.Host.Hosting;

/// <summary>
/// The working-day rule of the calendar serving now (flows/calendar.yaml, hot-reloaded with the flows), as
/// the back end's callback due dates see it: a saved calendar counts from the next ticket on, without a
/// restart. Monday to Friday while the flow set has no calendar.
/// </summary>
public sealed class ServingCalendar(Func<FlowSet?> current)
{
    public DateOnly AddWorkingDays(DateOnly from, int days) =>
        current()?.Calendar is { } calendar ? calendar.AddWorkingDays(from, days) : WeekendCalendar.AddWorkingDays(from, days);
}
