using Ivr.Flows.Model.Nodes;

namespace Ivr.Flows.Validation;

/// <summary>The linked flow graph as the checks walk it.</summary>
internal static class NodeEdges
{
    /// <summary>Nodes reachable in one step: every linked transition, and a subflow's entry into the called flow.</summary>
    public static IEnumerable<Node> Successors(Node node, bool intoSubflows = true)
    {
        foreach (var transition in node.Transitions)
        {
            if (transition.Target?.Node is { } next) yield return next;
        }

        if (intoSubflows && node is SubflowNode { Entry: { } entry }) yield return entry;
    }

    /// <summary>True when an edge names a node that could not be linked (already reported): checks give such nodes the benefit of the doubt.</summary>
    public static bool HasUnlinkedEdge(Node node) =>
        node.Transitions.Any(t => t.Target is { Node: null }) || node is SubflowNode { Entry: null };

    public static bool IsEnd(Node node) => node.Kind is NodeKind.Hangup or NodeKind.Transfer or NodeKind.Return;

    public static bool WaitsForCaller(Node node) => node.Kind is NodeKind.Menu or NodeKind.Collect or NodeKind.Record;

    /// <summary>Orders nodes as written: by file, line, column.</summary>
    public static IOrderedEnumerable<T> InFileOrder<T>(this IEnumerable<T> nodes) where T : Node =>
        nodes.OrderBy(n => n.Location.Path, StringComparer.Ordinal).ThenBy(n => n.Location.Line).ThenBy(n => n.Location.Column);
}
