using Ivr.Core.Channel;
using Ivr.Flows.Model.Nodes;

namespace Ivr.Flows.Loading;

/// <summary>
/// Links what flows name to what exists: every <see cref="Target"/> to its node, every prompt id to
/// the catalog's <see cref="Prompt"/>, every subflow to the called flow's start. What does not exist
/// is reported with the closest name that does.
/// </summary>
internal static class FlowLinker
{
    public static void Link(FlowSetDraft set, ICollection<Diagnostic> diagnostics)
    {
        foreach (var draft in set.Flows.Values)
        {
            foreach (var target in draft.Context.Targets) LinkTarget(target, draft, set, diagnostics);
        }

        foreach (var draft in set.Flows.Values)
        {
            foreach (var use in draft.Context.PromptLists) LinkPrompts(use, set, diagnostics);
            foreach (var subflow in draft.Flow.Nodes.Values.OfType<SubflowNode>()) LinkSubflow(subflow, set, diagnostics);
        }

        foreach (var use in set.FaxCatalogContext?.PromptLists ?? []) LinkPrompts(use, set, diagnostics);
        GeneratedMenuLinker.Link(set, diagnostics);
    }

    private static void LinkTarget(Target target, FlowDraft from, FlowSetDraft set, ICollection<Diagnostic> diagnostics)
    {
        if (target.Text.Length == 0) return;
        var dot = target.Text.IndexOf('.');
        var flowName = dot < 0 ? from.Flow.Name : target.Text[..dot];
        var nodeName = dot < 0 ? target.Text : target.Text[(dot + 1)..];
        if (!set.Flows.TryGetValue(flowName, out var flow))
        {
            if (set.BrokenFlows.Contains(flowName)) return;
            diagnostics.Add(Diagnostic.Error(target.Location,
                $"'{target.Text}' names flow '{flowName}', which does not exist{NameSuggester.Hint(flowName, set.Flows.Keys)} (flows: {string.Join(", ", set.Flows.Keys.Order())})"));
            return;
        }

        if (flow.Flow.Nodes.TryGetValue(nodeName, out var node))
        {
            target.Node = node;
            return;
        }

        if (flow.BrokenNodes.Contains(nodeName)) return;
        var hint = NameSuggester.Hint(nodeName, flow.Flow.Nodes.Keys);
        if (hint.Length == 0 && dot < 0 && set.Flows.TryGetValue(nodeName, out var other))
            hint = $"; to go to flow '{nodeName}' write {nodeName}.{other.Flow.Start.Text}";
        diagnostics.Add(Diagnostic.Error(target.Location, $"there is no node '{nodeName}' in flow '{flowName}'{hint}"));
    }

    private static void LinkPrompts(PromptUse use, FlowSetDraft set, ICollection<Diagnostic> diagnostics)
    {
        var resolved = new List<Prompt>();
        for (var i = 0; i < use.List.Ids.Count; i++)
        {
            var id = use.List.Ids[i];
            if (set.Prompts.TryGetValue(id, out var prompt))
            {
                resolved.Add(prompt);
                continue;
            }

            var hint = NameSuggester.Hint(id, set.Prompts.Keys);
            diagnostics.Add(Diagnostic.Error(use.IdLocations[i],
                $"prompt '{id}' is not in the catalog {set.CatalogPath}{(hint.Length > 0 ? hint + " Otherwise add it to the catalog" : "; fix the id or add the prompt to the catalog")}"));
        }

        use.List.Resolved = [.. resolved];
    }

    private static void LinkSubflow(SubflowNode subflow, FlowSetDraft set, ICollection<Diagnostic> diagnostics)
    {
        if (subflow.Callee.Length == 0 || set.BrokenFlows.Contains(subflow.Callee)) return;
        if (set.Flows.TryGetValue(subflow.Callee, out var callee))
        {
            subflow.Entry = callee.Flow.Start.Node;
            return;
        }

        diagnostics.Add(Diagnostic.Error(subflow.CalleeLocation,
            $"subflow '{subflow.Name}' calls flow '{subflow.Callee}', which does not exist{NameSuggester.Hint(subflow.Callee, set.Flows.Keys)} (flows: {string.Join(", ", set.Flows.Keys.Order())})"));
    }
}
