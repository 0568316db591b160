using Ivr.Flows.Loading;
using Ivr.Flows.Model.Nodes;

namespace Ivr.Flows.Validation;

/// <summary>
/// Names flows use that must exist elsewhere: lookup operations, calendar schedules, route flows,
/// and the outcomes subflows return; plus returns in flows nobody calls.
/// </summary>
internal static class ReferenceCheck
{
    public static void Check(FlowSetDraft set, ICollection<Diagnostic> diagnostics)
    {
        var callers = set.AllNodes.OfType<SubflowNode>().ToLookup(s => s.Callee);
        foreach (var node in set.AllNodes)
        {
            var sources = set.DraftOf(node).Sources;
            switch (node)
            {
                case LookupNode lookup when set.KnownOperations is { } operations && lookup.Operation.Length > 0 && !operations.Contains(lookup.Operation):
                    diagnostics.Add(Diagnostic.Error(sources.Of(lookup, "operation"),
                        $"lookup '{lookup.Name}': unknown operation '{lookup.Operation}'{NameSuggester.Hint(lookup.Operation, operations)} (operations: {string.Join(", ", operations.Order())})"));
                    break;
                case HoursNode hours when hours.Schedule.Length > 0:
                    CheckSchedule(set, hours, sources.Of(hours, "schedule"), diagnostics);
                    break;
                case ReturnNode ret when !callers.Contains(ret.Flow):
                    diagnostics.Add(Diagnostic.Warning(ret.Location,
                        $"return '{ret.Name}': flow '{ret.Flow}' is never called as a subflow, so there is nothing to return to; use a hangup or goto here, or call the flow with kind: subflow"));
                    break;
                case SubflowNode subflow when set.Flows.TryGetValue(subflow.Callee, out var callee):
                    var outcomes = callee.Flow.Nodes.Values.OfType<ReturnNode>().Select(r => r.Outcome).ToHashSet();
                    foreach (var (outcome, _) in subflow.On.Where(o => !outcomes.Contains(o.Key)))
                    {
                        diagnostics.Add(Diagnostic.Warning(sources.Of(subflow, $"on/{outcome}"),
                            $"subflow '{subflow.Name}': flow '{subflow.Callee}' never returns '{outcome}'{NameSuggester.Hint(outcome, outcomes)} (it returns: {string.Join(", ", outcomes.Order())})"));
                    }

                    break;
            }
        }

        foreach (var (number, flow) in set.Routes.Routes.Where(r => !set.Flows.ContainsKey(r.Value) && !set.BrokenFlows.Contains(r.Value)))
        {
            diagnostics.Add(Diagnostic.Error(set.Routes.Locations[number],
                $"route '{number}' goes to flow '{flow}', which does not exist{NameSuggester.Hint(flow, set.Flows.Keys)} (flows: {string.Join(", ", set.Flows.Keys.Order())})"));
        }
    }

    private static void CheckSchedule(FlowSetDraft set, HoursNode hours, SourceLocation at, ICollection<Diagnostic> diagnostics)
    {
        if (set.Calendar is { } calendar)
        {
            if (calendar.HasSchedule(hours.Schedule)) return;
            diagnostics.Add(Diagnostic.Error(at,
                $"hours '{hours.Name}': unknown schedule '{hours.Schedule}'{NameSuggester.Hint(hours.Schedule, calendar.ScheduleNames)} (schedules in {set.CalendarPath}: {string.Join(", ", calendar.ScheduleNames.Order())})"));
        }
        else if (!set.CalendarFileExists)
        {
            diagnostics.Add(Diagnostic.Error(at,
                $"hours '{hours.Name}' needs schedule '{hours.Schedule}' but there is no {set.CalendarPath}; create it with the service hours"));
        }
    }
}
