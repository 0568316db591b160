using Ivr.Flows.Loading;
using Ivr.Flows.Model.Nodes;

namespace Ivr.Flows.Validation;

/// <summary>
/// Finds cycles of the flow graph on which the call never waits for the caller (no menu, collect or
/// record, and no subflow that waits): such a loop spins forever — unless a branch on it tests a
/// variable that a set node on the same loop changes (a counter such as <c>tries</c>).
/// </summary>
internal static class LoopCheck
{
    public static void Check(FlowSetDraft set, ICollection<Diagnostic> diagnostics)
    {
        var waitingFlows = set.Flows.Values.Where(f => f.Flow.Nodes.Values.Any(NodeEdges.WaitsForCaller)).Select(f => f.Flow.Name).ToHashSet();
        var candidates = set.AllNodes
            .Where(n => !NodeEdges.WaitsForCaller(n) && !(n is SubflowNode s && waitingFlows.Contains(s.Callee)))
            .ToHashSet();
        foreach (var component in StronglyConnected.Components(candidates, Successors))
        {
            CheckComponent(component, diagnostics);
        }

        IEnumerable<Node> Successors(Node n) => NodeEdges.Successors(n, intoSubflows: false);
    }

    private static void CheckComponent(IReadOnlyCollection<Node> component, ICollection<Diagnostic> diagnostics)
    {
        var members = component.ToHashSet();
        if (members.Count == 1 && !NodeEdges.Successors(component.First(), false).Contains(component.First())) return;
        var counters = component.OfType<SetNode>().SelectMany(s => s.Values.Select(v => v.Key)).ToHashSet();
        var guards = component.OfType<BranchNode>()
            .Where(b => b.Cases.Any(c => c.When.Variables.Any(counters.Contains)))
            .ToHashSet<Node>();
        if (guards.Count > 0)
        {
            // Counted loops are bounded; what remains once the guards are taken out may still loop.
            members.ExceptWith(guards);
            foreach (var inner in StronglyConnected.Components(members, n => NodeEdges.Successors(n, false))) CheckComponent(inner, diagnostics);
            return;
        }

        var first = component.InFileOrder().First();
        var cycle = FindCycle(first, members);
        diagnostics.Add(Diagnostic.Error(first.Location,
            $"this loop can run forever: {string.Join(" → ", cycle.Select(n => n.Flow == first.Flow ? n.Name : n.Id))} never waits for the caller; " +
            "put a menu or collect on it, or count the rounds with a set node (tries: tries + 1) and leave through a branch (when: tries >= 3)"));
    }

    /// <summary>A shortest path from <paramref name="start"/> back to itself inside <paramref name="members"/>.</summary>
    private static List<Node> FindCycle(Node start, HashSet<Node> members)
    {
        var previous = new Dictionary<Node, Node>();
        var queue = new Queue<Node>([start]);
        while (queue.TryDequeue(out var node))
        {
            foreach (var next in NodeEdges.Successors(node, false).Where(members.Contains))
            {
                if (next == start)
                {
                    var path = new List<Node> { start };
                    for (var at = node; at != start; at = previous[at]) path.Insert(1, at);
                    path.Add(start);
                    return path;
                }

                if (previous.TryAdd(next, node)) queue.Enqueue(next);
            }
        }

        return [start, start];
    }
}
