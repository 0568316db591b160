namespace Ivr.Runtime.Replay;

public sealed record FlowCoverageRow(string Flow, int NodesCovered, int Nodes, int EdgesCovered, int Edges, IReadOnlyList<string> MissedNodes, IReadOnlyList<string> MissedEdges)
{
    /// <summary>Nodes and edges together, as a percentage (100 for an empty flow).</summary>
    public double Percent => Nodes + Edges == 0 ? 100 : 100.0 * (NodesCovered + EdgesCovered) / (Nodes + Edges);
}
