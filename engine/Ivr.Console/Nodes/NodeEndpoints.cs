using Ivr.Data.Nodes;
using Ivr.OperationsConsole.Security;
using Microsoft.AspNetCore.Routing;

namespace Ivr.OperationsConsole.Nodes;

/// <summary><c>GET /api/nodes</c>: every node sharing this database, as its last heartbeat left it, with its state now
/// (<c>live</c>, <c>lost</c> after 15 s of silence, <c>stopped</c> after a clean stop).</summary>
internal static class NodeEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/nodes", ListAsync).RequireRoles(ConsoleRole.Agent, ConsoleRole.Supervisor);
    }

    private static async Task<IResult> ListAsync(IvrDatabase database, TimeProvider time, CancellationToken cancellation)
    {
        await using var connection = await database.OpenConnectionAsync(cancellation);
        var nodes = await new NodeRepository(connection).ListAsync(cancellation);
        var now = time.GetUtcNow();
        return Results.Ok(new { at = now, nodes = nodes.Select(n => NodeView.Of(n, now)) });
    }
}
