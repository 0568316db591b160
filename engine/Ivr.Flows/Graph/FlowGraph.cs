using System.Text;

namespace Ivr.Flows.Graph;

/// <summary>
/// Diagrams of a flow for editors and reviews: Mermaid (renders in Markdown viewers) and Graphviz DOT
/// (<c>dot -Tsvg</c>). Nodes show their name and kind; edges show the key or outcome; edges into
/// other flows end at a dashed node named <c>flow.node</c>.
/// </summary>
public static class FlowGraph
{
    public static string ToMermaid(Flow flow)
    {
        var graph = FlowGraphModel.Of(flow);
        var ids = new Dictionary<string, string>();
        var text = new StringBuilder();
        text.Append("flowchart TD\n");
        text.Append("  start((start))\n");
        foreach (var node in flow.Nodes.Values)
        {
            var id = ids[node.Name] = $"n{ids.Count}";
            var label = Mermaid($"{node.Name}<br/>{FlowGraphModel.KindName(node)}");
            text.Append(FlowGraphModel.ShapeOf(node) switch
            {
                GraphShape.Decision => $"  {id}{{\"{label}\"}}\n",
                GraphShape.End => $"  {id}([\"{label}\"])\n",
                _ => $"  {id}[\"{label}\"]\n",
            });
        }

        foreach (var external in graph.Externals)
        {
            var id = ids[external] = $"x{ids.Count - flow.Nodes.Count}";
            text.Append($"  {id}[[\"{Mermaid(external)}\"]]\n");
        }

        if (flow.Start.Node is { } start && ids.TryGetValue(start.Name, out var startId)) text.Append($"  start --> {startId}\n");
        foreach (var edge in graph.Edges)
        {
            var arrow = edge.Call ? "-.->" : "-->";
            text.Append($"  {ids[edge.From]} {arrow}|\"{Mermaid(edge.Label)}\"| {ids[edge.To]}\n");
        }

        if (graph.Externals.Count > 0)
            text.Append($"  classDef external stroke-dasharray: 5 5\n  class {string.Join(",", graph.Externals.Select(e => ids[e]))} external\n");
        return text.ToString();
    }

    public static string ToDot(Flow flow)
    {
        var graph = FlowGraphModel.Of(flow);
        var text = new StringBuilder();
        text.Append($"digraph {Dot(flow.Name)} {{\n");
        text.Append("  rankdir=TB;\n");
        text.Append("  node [shape=box, style=rounded, fontname=\"Helvetica\"];\n");
        text.Append("  edge [fontname=\"Helvetica\", fontsize=10];\n");
        text.Append("  \"(start)\" [shape=circle, label=\"start\"];\n");
        foreach (var node in flow.Nodes.Values)
        {
            var shape = FlowGraphModel.ShapeOf(node) switch
            {
                GraphShape.Decision => ", shape=diamond, style=solid",
                GraphShape.End => ", shape=box, style=\"rounded,bold\"",
                _ => "",
            };
            text.Append($"  {Dot(node.Name)} [label={Dot($"{node.Name}\n{FlowGraphModel.KindName(node)}")}{shape}];\n");
        }

        foreach (var external in graph.Externals) text.Append($"  {Dot(external)} [style=dashed];\n");
        if (flow.Start.Node is { } start && start.Flow == flow.Name) text.Append($"  \"(start)\" -> {Dot(start.Name)};\n");
        foreach (var edge in graph.Edges)
        {
            var style = edge.Call ? ", style=dashed" : "";
            text.Append($"  {Dot(edge.From)} -> {Dot(edge.To)} [label={Dot(edge.Label)}{style}];\n");
        }

        text.Append("}\n");
        return text.ToString();
    }

    /// <summary>A DOT quoted string: backslashes and quotes escaped, line breaks as \n.</summary>
    private static string Dot(string text) =>
        "\"" + text.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n") + "\"";

    /// <summary>Text inside a quoted Mermaid label: quotes become the #quot; entity.</summary>
    private static string Mermaid(string text) => text.Replace("\"", "#quot;");
}
