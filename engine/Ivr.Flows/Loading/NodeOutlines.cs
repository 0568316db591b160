using Ivr.Flows.Model.Nodes;

namespace Ivr.Flows.Loading;

/// <summary>What statistics show of a node: its kind, and for a menu its prompt ids and its keys (key → <c>flow.node</c>).</summary>
public sealed record NodeOutline(string Id, NodeKind Kind, IReadOnlyList<string> Prompt, IReadOnlyList<KeyValuePair<string, string>> Options);

/// <summary>
/// The nodes of a flow set's files read one file at a time, without linking or validating the set: enough to know,
/// for a version kept in the history (<c>flow_version_files</c>), which of its nodes were menus and what they offered.
/// Routes, the calendar, the fax catalog and the prompt files are skipped; a file that is not a flow adds nothing;
/// a generated menu (<c>options_from</c>) has no keys here, since they come from the catalog when the set is linked.
/// </summary>
public static class NodeOutlines
{
    private static readonly string[] NotFlows = [RoutesReader.FileName, FlowSetLoader.CalendarFileName, Model.Fax.FaxCatalog.FileName];

    /// <param name="files">Paths relative to the flows folder (flow files sit at its top) and their text.</param>
    public static IReadOnlyDictionary<string, NodeOutline> Read(IEnumerable<(string Path, string Content)> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var outlines = new Dictionary<string, NodeOutline>(StringComparer.Ordinal);
        foreach (var (path, content) in files)
        {
            if (path.Contains('/', StringComparison.Ordinal) || !path.EndsWith(".yaml", StringComparison.Ordinal) || NotFlows.Contains(path, StringComparer.Ordinal)) continue;
            var flow = FlowFileReader.Read(path, path, content.TrimStart('\uFEFF'), new List<Diagnostic>())?.Flow;
            foreach (var node in flow?.Nodes.Values ?? [])
                outlines.TryAdd(node.Id, Outline(node));
        }

        return outlines;
    }

    private static NodeOutline Outline(Node node) => node is MenuNode menu
        ? new NodeOutline(node.Id, node.Kind, menu.Input.Prompt.Ids,
            menu.Options.Select(o => KeyValuePair.Create(o.Key, Qualified(node.Flow, o.Value.Text))).ToList())
        : new NodeOutline(node.Id, node.Kind, [], []);

    private static string Qualified(string flow, string target) => target.Contains('.', StringComparison.Ordinal) ? target : $"{flow}.{target}";
}
