using Ivr.Flows.Graph;
using Ivr.OperationsConsole.Api;
using Ivr.OperationsConsole.Flows;
using Ivr.OperationsConsole.Security;
using Microsoft.AspNetCore.Routing;

namespace Ivr.OperationsConsole.Drafts;

/// <summary><c>GET /api/drafts/{id}/diagram/{flow}</c>: the diagram of a flow as the draft has it (SVG through Graphviz, or Mermaid text).</summary>
internal static class DraftDiagramEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
        => api.MapGet("/drafts/{id:long}/diagram/{flow}", async (long id, string flow, string? format, DraftStore store, DraftCheck check,
            FlowDiagrams diagrams, CancellationToken cancellation) =>
        {
            if (await store.FindAsync(id, cancellation) is null) return ApiError.NotFound();
            using var folder = await store.LayOutAsync(id, withReplay: false, cancellation);
            var (set, _) = check.Load(folder);
            if (set is null) return ApiError.Conflict("the draft has errors; the diagram shows once it validates");
            if (!set.Flows.TryGetValue(flow, out var model)) return ApiError.NotFound();
            if (format == "mermaid") return Results.Text(FlowGraph.ToMermaid(model), "text/plain; charset=utf-8");
            var svg = await diagrams.SvgAsync(set.Version, model, cancellation);
            return svg is null ? ApiError.Unavailable("graphviz_missing") : Results.Text(svg, "image/svg+xml; charset=utf-8");
        }).RequireRoles(ConsoleRole.Editor, ConsoleRole.Supervisor);
}
