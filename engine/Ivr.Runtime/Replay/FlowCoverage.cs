namespace Ivr.Runtime.Replay;

/// <summary>
/// Which nodes and edges of a flow set the replayed calls exercised. An edge is a node's outcome
/// (a menu key, ok / not_found / error / timeout, invalid and no-input retries, case1 …, else).
/// </summary>
public sealed class FlowCoverage(FlowSet set)
{
    private readonly HashSet<string> _nodes = new(StringComparer.Ordinal);
    private readonly HashSet<(string Node, string Outcome)> _edges = [];

    public void Add(IEnumerable<CallEvent> events)
    {
        foreach (var e in events)
        {
            if (e.Node is null) continue;
            switch (e.Kind)
            {
                case CallEventKind.NodeEntered:
                    _nodes.Add(e.Node);
                    break;
                case CallEventKind.NodeLeft or CallEventKind.InputRejected when e.Outcome is not null:
                    _edges.Add((e.Node, e.Outcome));
                    break;
            }
        }
    }

    public IReadOnlyList<FlowCoverageRow> Rows =>
    [
        .. set.Flows.Values.OrderBy(f => f.Name, StringComparer.Ordinal).Select(flow =>
        {
            var nodes = flow.Nodes.Values.ToList();
            var edges = nodes.SelectMany(n => n.Transitions.Select(t => (n.Id, t.Outcome))).Distinct().ToList();
            return new FlowCoverageRow(
                flow.Name,
                nodes.Count(n => _nodes.Contains(n.Id)),
                nodes.Count,
                edges.Count(_edges.Contains),
                edges.Count,
                [.. nodes.Where(n => !_nodes.Contains(n.Id)).Select(n => n.Id)],
                [.. edges.Where(e => !_edges.Contains(e)).Select(e => $"{e.Id} --{e.Outcome}-->")]);
        }),
    ];

    public FlowCoverageRow Total
    {
        get
        {
            var rows = Rows;
            return new FlowCoverageRow("total", rows.Sum(r => r.NodesCovered), rows.Sum(r => r.Nodes), rows.Sum(r => r.EdgesCovered), rows.Sum(r => r.Edges),
                [.. rows.SelectMany(r => r.MissedNodes)], [.. rows.SelectMany(r => r.MissedEdges)]);
        }
    }
}
