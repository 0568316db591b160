using System.Text;
using Ivr.Flows.Model;

namespace Ivr.Flows.Graph;

/// <summary>
/// Diagrams of a flow, apart from execution: nodes labelled with name and kind, edges with the key
/// or outcome that takes them; an edge into another flow ends at a node named <c>flow.node</c>;
/// retry edges (invalid, no input) loop on their node.
/// </summary>
public static class FlowGraph
{
    public static string ToMermaid(Flow flow)
    {
        var text = new StringBuilder("flowchart TD\n");
        var external = new SortedSet<string>(StringComparer.Ordinal);
        text.Append($"  start(((start))) --> {Id(flow.Start.Node?.Id ?? flow.Start.Text)}\n");
        foreach (var node in flow.Nodes.Values)
            text.Append($"  {Id(node.Id)}[\"{node.Name}<br/><i>{node.Kind.ToString().ToLowerInvariant()}</i>\"]\n");
        foreach (var node in flow.Nodes.Values)
        {
            foreach (var edge in node.Transitions)
            {
                var target = edge.Target?.Node?.Id ?? (edge.Target is null ? node.Id : edge.Target.Text);
                if (edge.Target?.Node is { } t && t.Flow != flow.Name) external.Add(t.Id);
                text.Append($"  {Id(node.Id)} -->|\"{Escape(edge.Outcome)}\"| {Id(target)}\n");
            }
        }

        foreach (var id in external) text.Append($"  {Id(id)}[/\"{id}\"/]\n");
        return text.ToString();
    }

    public static string ToDot(Flow flow)
    {
        var text = new StringBuilder();
        text.Append($"digraph \"{flow.Name}\" {{\n  rankdir=TB;\n  node [shape=box, style=rounded, fontname=\"Noto Sans CJK SC,sans-serif\"];\n");
        text.Append($"  \"__start\" [shape=circle, label=\"start\"];\n  \"__start\" -> \"{flow.Start.Node?.Id ?? flow.Start.Text}\";\n");
        var external = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var node in flow.Nodes.Values)
            text.Append($"  \"{node.Id}\" [label=\"{node.Name}\\n({node.Kind.ToString().ToLowerInvariant()})\"];\n");
        foreach (var node in flow.Nodes.Values)
        {
            foreach (var edge in node.Transitions)
            {
                var target = edge.Target?.Node?.Id ?? (edge.Target is null ? node.Id : edge.Target.Text);
                if (edge.Target?.Node is { } t && t.Flow != flow.Name) external.Add(t.Id);
                text.Append($"  \"{node.Id}\" -> \"{target}\" [label=\"{edge.Outcome.Replace("\"", "\\\"")}\"{(edge.Target is null ? ", style=dashed" : "")}];\n");
            }
        }

        foreach (var id in external) text.Append($"  \"{id}\" [shape=parallelogram];\n");
        return text.Append("}\n").ToString();
    }

    private static string Id(string nodeId) => nodeId.Replace('.', '_').Replace('-', '_');

    private static string Escape(string label) => label.Replace("\"", "#quot;");
}
