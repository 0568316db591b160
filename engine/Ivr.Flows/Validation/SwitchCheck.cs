using Ivr.Flows.Loading;

namespace Ivr.Flows.Validation;

/// <summary>The console flips a switch by its name alone, so two flows may not declare switches of the same name.</summary>
internal static class SwitchCheck
{
    public static void Check(FlowSetDraft set, ICollection<Diagnostic> diagnostics)
    {
        var first = new Dictionary<string, FlowSwitch>(StringComparer.Ordinal);
        foreach (var flow in set.Flows.Values.OrderBy(f => f.Flow.Name, StringComparer.Ordinal))
        {
            foreach (var item in flow.Flow.Switches)
            {
                if (first.TryGetValue(item.Name, out var earlier))
                    diagnostics.Add(Diagnostic.Error(item.Location, $"switch '{item.Name}' is also declared by flow '{earlier.Flow}'; switch names are unique across the flow set"));
                else first[item.Name] = item;
            }
        }
    }
}
