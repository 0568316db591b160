namespace Ivr.Flows.Validation;

/// <summary>Tarjan's strongly connected components of the node graph restricted to a set of nodes.</summary>
internal static class StronglyConnected
{
    public static List<List<Node>> Components(IReadOnlySet<Node> nodes, Func<Node, IEnumerable<Node>> successors)
    {
        var index = new Dictionary<Node, int>();
        var low = new Dictionary<Node, int>();
        var stack = new Stack<Node>();
        var onStack = new HashSet<Node>();
        var components = new List<List<Node>>();
        foreach (var node in nodes.InFileOrder())
        {
            if (!index.ContainsKey(node)) Visit(node);
        }

        return components;

        void Visit(Node node)
        {
            index[node] = low[node] = index.Count;
            stack.Push(node);
            onStack.Add(node);
            foreach (var next in successors(node).Where(nodes.Contains))
            {
                if (!index.ContainsKey(next))
                {
                    Visit(next);
                    low[node] = Math.Min(low[node], low[next]);
                }
                else if (onStack.Contains(next))
                {
                    low[node] = Math.Min(low[node], index[next]);
                }
            }

            if (low[node] != index[node]) return;
            var component = new List<Node>();
            Node member;
            do
            {
                member = stack.Pop();
                onStack.Remove(member);
                component.Add(member);
            }
            while (member != node);
            components.Add(component);
        }
    }
}
