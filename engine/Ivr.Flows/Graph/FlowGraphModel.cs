using Ivr.Flows.Model.Nodes;

namespace Ivr.Flows.Graph;

/// <summary>
/// What both diagram formats draw for one flow: its nodes in file order and every edge that leads
/// somewhere (retries that stay in a node and the back key to "the previous menu" are left out).
/// Edges into other flows end at a node named <c>flow.node</c>.
/// </summary>
internal sealed class FlowGraphModel
{
    private FlowGraphModel(Flow flow, IReadOnlyList<GraphEdge> edges, IReadOnlyList<string> externals)
    {
        Flow = flow;
        Edges = edges;
        Externals = externals;
    }

    public Flow Flow { get; }

    public IReadOnlyList<GraphEdge> Edges { get; }

    /// <summary>Nodes of other flows the edges lead to, as <c>flow.node</c>, in first-use order.</summary>
    public IReadOnlyList<string> Externals { get; }

    public static FlowGraphModel Of(Flow flow)
    {
        var edges = new List<GraphEdge>();
        var externals = new List<string>();
        foreach (var node in flow.Nodes.Values)
        {
            foreach (var transition in node.Transitions)
            {
                if (transition.Target is { Text.Length: > 0 } target)
                    edges.Add(Edge(flow, node, target.Node?.Id ?? Qualify(flow, target.Text), LabelOf(node, transition), false, externals));
            }

            if (node is SubflowNode subflow && subflow.Callee.Length > 0)
                edges.Add(Edge(flow, node, subflow.Entry?.Id ?? subflow.Callee, "call", true, externals));
        }

        return new FlowGraphModel(flow, edges, externals);
    }

    public static GraphShape ShapeOf(Node node) => node.Kind switch
    {
        NodeKind.Branch or NodeKind.Hours => GraphShape.Decision,
        NodeKind.Hangup or NodeKind.Transfer or NodeKind.Return => GraphShape.End,
        _ => GraphShape.Step,
    };

    public static string KindName(Node node) => node.Kind.ToString().ToLowerInvariant();

    private static GraphEdge Edge(Flow flow, Node from, string to, string label, bool call, List<string> externals)
    {
        var local = to.StartsWith(flow.Name + ".", StringComparison.Ordinal) && flow.Nodes.ContainsKey(to[(flow.Name.Length + 1)..]);
        if (local) return new GraphEdge(from.Name, to[(flow.Name.Length + 1)..], label, false, call);
        if (!externals.Contains(to)) externals.Add(to);
        return new GraphEdge(from.Name, to, label, true, call);
    }

    /// <summary>The outcome or key; a branch's cases show their condition instead of case1, case2.</summary>
    private static string LabelOf(Node node, Transition transition) =>
        node is BranchNode branch && transition.Outcome.StartsWith("case", StringComparison.Ordinal)
            && int.TryParse(transition.Outcome.AsSpan(4), out var number) && number >= 1 && number <= branch.Cases.Count
            ? branch.Cases[number - 1].When.Source
            : transition.Outcome;

    private static string Qualify(Flow flow, string text) => text.Contains('.') ? text : $"{flow.Name}.{text}";
}
