namespace Ivr.OperationsConsole.Drafts;

/// <summary>The replay gate's result: each script passed or its first difference, and what no script reaches.</summary>
public sealed record ReplayReport(
    IReadOnlyList<ReplayScriptOutcome> Scripts,
    int Nodes,
    int NodesCovered,
    int Edges,
    int EdgesCovered,
    IReadOnlyList<string> MissedNodes,
    IReadOnlyList<string> MissedEdges,
    double Seconds)
{
    public int Passed => Scripts.Count(s => s.Passed);

    public int Failed => Scripts.Count - Passed;
}
