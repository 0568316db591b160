using Ivr.Flows.Loading;
using Ivr.Flows.Model.Nodes;

namespace Ivr.Flows.Validation;

/// <summary>
/// Warns about nodes nothing leads to (from any flow's start, across flows and subflows) and about
/// flows that no route, subflow or other flow uses.
/// </summary>
internal static class ReachabilityCheck
{
    public static void Check(FlowSetDraft set, ICollection<Diagnostic> diagnostics)
    {
        var reached = new HashSet<Node>();
        var queue = new Queue<Node>();
        foreach (var flow in set.Flows.Values)
        {
            if (flow.Flow.Start.Node is { } start && reached.Add(start)) queue.Enqueue(start);
        }

        while (queue.TryDequeue(out var node))
        {
            foreach (var next in NodeEdges.Successors(node))
            {
                if (reached.Add(next)) queue.Enqueue(next);
            }
        }

        // A flow with a node that could not be read or linked may well lead on to the nodes missed here.
        var unsure = set.Flows.Values
            .Where(f => f.BrokenNodes.Count > 0 || f.Flow.Nodes.Values.Any(NodeEdges.HasUnlinkedEdge))
            .Select(f => f.Flow.Name)
            .ToHashSet();
        foreach (var node in set.AllNodes.Where(n => !reached.Contains(n) && !unsure.Contains(n.Flow)))
        {
            var start = set.Flows[node.Flow].Flow.Start.Text;
            diagnostics.Add(Diagnostic.Warning(node.Location,
                $"node '{node.Name}' is never reached: nothing leads to it from the start ({start}) or from another flow; link it from a node or remove it"));
        }

        CheckUnusedFlows(set, diagnostics);
    }

    private static void CheckUnusedFlows(FlowSetDraft set, ICollection<Diagnostic> diagnostics)
    {
        if (set.Routes.Routes.Count == 0) return;
        var used = new HashSet<string>(set.Routes.Routes.Values);
        foreach (var node in set.AllNodes)
        {
            if (node is SubflowNode subflow) used.Add(subflow.Callee);
            foreach (var transition in node.Transitions)
            {
                if (transition.Target?.Node is { } target && target.Flow != node.Flow) used.Add(target.Flow);
            }
        }

        foreach (var flow in set.Flows.Values.Where(f => !used.Contains(f.Flow.Name)))
        {
            diagnostics.Add(Diagnostic.Warning(flow.Flow.Location,
                $"flow '{flow.Flow.Name}' is never used: no route in routes.yaml, subflow or other flow leads to it"));
        }
    }
}
