using Ivr.Core.Calendar;

namespace Ivr.Runtime.Nodes;

/// <summary>Checks a schedule of the calendar at the call's current time; holiday falls back to closed.</summary>
internal sealed class HoursHandler : INodeHandler
{
    public void Enter(CallSession call, Node node)
    {
        var hours = (HoursNode)node;
        var calendar = call.Set.Calendar;
        var status = calendar is not null && calendar.HasSchedule(hours.Schedule)
            ? calendar.Check(hours.Schedule, call.Time.GetUtcNow())
            : HoursStatus.Closed;
        switch (status)
        {
            case HoursStatus.Open:
                call.Leave(Outcomes.Open, hours.Open);
                break;
            case HoursStatus.Holiday when hours.Holiday is not null:
                call.Leave(Outcomes.Holiday, hours.Holiday);
                break;
            default:
                call.Leave(Outcomes.Closed, hours.Closed);
                break;
        }
    }

    public void OnDigit(CallSession call, Node node, char digit) => call.TypeAhead(digit);
}
