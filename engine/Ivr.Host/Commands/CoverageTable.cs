using Ivr.Runtime.Replay;

namespace Ivr.Host.Commands;

/// <summary>Prints flow coverage: the summary line, a row per flow, optionally what was missed.</summary>
public static class CoverageTable
{
    /// <returns>False when a minimum was given and not reached.</returns>
    public static bool Print(FlowCoverage coverage, double? minimum, bool showMissed)
    {
        var total = coverage.Total;
        Console.WriteLine($"coverage: nodes {total.NodesCovered}/{total.Nodes}, edges {total.EdgesCovered}/{total.Edges}");
        Console.WriteLine($"  {"flow",-24} {"nodes",9} {"edges",9} {"%",7}");
        foreach (var row in coverage.Rows)
            Console.WriteLine($"  {row.Flow,-24} {$"{row.NodesCovered}/{row.Nodes}",9} {$"{row.EdgesCovered}/{row.Edges}",9} {row.Percent,6:0.0}%");
        if (showMissed)
        {
            foreach (var node in total.MissedNodes) Console.WriteLine($"  missed node {node}");
            foreach (var edge in total.MissedEdges) Console.WriteLine($"  missed edge {edge}");
        }

        if (minimum is not { } min || total.Percent >= min) return true;
        Console.WriteLine($"coverage {total.Percent:0.0}% is below the minimum {min:0.0}%");
        return false;
    }
}
