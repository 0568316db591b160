using Ivr.Flows.Loading;

namespace Ivr.Flows.Validation;

/// <summary>Finds nodes from which no hangup, transfer or return can ever be reached: a caller there is stuck.</summary>
internal static class DeadEndCheck
{
    public static void Check(FlowSetDraft set, ICollection<Diagnostic> diagnostics)
    {
        var nodes = set.AllNodes.ToList();
        var predecessors = nodes.ToDictionary(n => n, _ => new List<Node>());
        foreach (var node in nodes)
        {
            foreach (var next in NodeEdges.Successors(node)) predecessors[next].Add(node);
        }

        var canEnd = new HashSet<Node>();
        var queue = new Queue<Node>();
        foreach (var node in nodes.Where(n => NodeEdges.IsEnd(n) || NodeEdges.HasUnlinkedEdge(n)))
        {
            canEnd.Add(node);
            queue.Enqueue(node);
        }

        while (queue.TryDequeue(out var node))
        {
            foreach (var previous in predecessors[node])
            {
                if (canEnd.Add(previous)) queue.Enqueue(previous);
            }
        }

        foreach (var node in nodes.Where(n => !canEnd.Contains(n)))
        {
            diagnostics.Add(Diagnostic.Error(node.Location,
                $"dead end: from {node.Kind.ToString().ToLowerInvariant()} '{node.Name}' no path leads to a hangup, transfer or return, so the call could never end; lead one of its branches to one"));
        }
    }
}
