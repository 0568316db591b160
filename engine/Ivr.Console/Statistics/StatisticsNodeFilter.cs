using Ivr.Data.Rollups;
using Ivr.OperationsConsole.Security;
using Microsoft.AspNetCore.Routing;

namespace Ivr.OperationsConsole.Statistics;

/// <summary>
/// Statistics per node (issue 12): <c>GET /api/stats?node=ID</c> keeps the calls that node answered (<c>calls.node</c>,
/// the rollups' answering node), and <c>GET /api/stats/nodes</c> lists every node calls were counted under, for the
/// page's 全部节点 / node choice. The funnel and drop-offs too count that node's calls (<c>rollup_paths.answering_node</c>,
/// migration 25). Faxes are counted for every node (fax jobs name no answering node).
/// </summary>
internal static class StatisticsNodeFilter
{
    /// <summary>The longest node id accepted (ids are <c>--node-id</c> values or host-address-port).</summary>
    public const int MaxLength = 200;

    public const string Refusal = "node is a node id of at most 200 characters";

    public static void Map(IEndpointRouteBuilder api)
        => api.MapGet("/stats/nodes", async (IvrDatabase database, CancellationToken cancellation)
                => Results.Ok(new { nodes = await new RollupReader(database).NodesAsync(cancellation) }))
            .RequireRoles(ConsoleRole.Supervisor, ConsoleRole.Editor);

    /// <summary>An absent or empty <paramref name="text"/> is every node (null); false for one no node could have.</summary>
    public static bool TryRead(string? text, out string? node)
    {
        node = string.IsNullOrEmpty(text) ? null : text;
        return node is null || (node.Length <= MaxLength && !node.Any(char.IsControl));
    }

    public static StatisticsReport Mark(StatisticsReport report, string? node) => report with { Node = node };
}
