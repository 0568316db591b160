using Ivr.OperationsConsole.Api;
using Ivr.OperationsConsole.Security;
using Ivr.Data.Operations;
using Ivr.Flows.Graph;
using Ivr.Flows.Loading;
using Ivr.Flows.Validation;
using Microsoft.AspNetCore.Routing;

namespace Ivr.OperationsConsole.Flows;

/// <summary><c>/api/flows</c>: the serving version, its history, validation of the files on disk, diagrams and diffs.</summary>
internal static class FlowEndpoints
{
    private const string PlainText = "text/plain; charset=utf-8";

    public static void Map(IEndpointRouteBuilder api)
    {
        var flows = api.MapGroup("/flows").RequireRoles(ConsoleRole.Editor, ConsoleRole.Supervisor);
        flows.MapGet("", (FlowSource source, IvrDatabase database) =>
        {
            var set = source.Current();
            if (set is null) return ApiError.Unavailable("no_flow_set");
            return Results.Ok(new
            {
                version = set.Version,
                routes = set.Routes,
                flows = set.Flows.Values.OrderBy(f => f.Name, StringComparer.Ordinal)
                    .Select(f => new { f.Name, f.Path, f.Description, nodes = f.Nodes.Count }),
            });
        });
        flows.MapGet("/versions", async (FlowSource source, IvrDatabase database, CancellationToken cancellation) =>
        {
            var current = source.Current()?.Version;
            await using var connection = await database.OpenConnectionAsync(cancellation);
            var versions = await new FlowVersionRepository(connection).ListAsync(cancellation);
            return Results.Ok(versions.Select(v => new { v.Version, v.FirstLoadedAt, v.LastLoadedAt, v.Files, current = v.Version == current }));
        });
        flows.MapGet("/versions/{version}/files", async (string version, IvrDatabase database, CancellationToken cancellation) =>
        {
            await using var connection = await database.OpenConnectionAsync(cancellation);
            var repository = new FlowVersionRepository(connection);
            if (!await repository.ExistsAsync(version, cancellation)) return ApiError.NotFound();
            var files = await repository.FilesAsync(version, cancellation);
            return Results.Ok(files.Select(f => new { f.Path, bytes = System.Text.Encoding.UTF8.GetByteCount(f.Content) }));
        });
        flows.MapGet("/versions/{version}/files/{**path}", async (string version, string path, IvrDatabase database, CancellationToken cancellation) =>
        {
            await using var connection = await database.OpenConnectionAsync(cancellation);
            var file = (await new FlowVersionRepository(connection).FilesAsync(version, cancellation)).FirstOrDefault(f => f.Path == path);
            return file is null ? ApiError.NotFound() : Results.Text(file.Content, PlainText);
        });
        flows.MapGet("/validation", (FlowSource source, TimeProvider time) =>
        {
            var result = FlowSetLoader.Load(source.FlowsDirectory, source.PromptsDirectory, source.Operations, time);
            return Results.Ok(new
            {
                valid = result.Succeeded,
                version = result.Set?.Version,
                errors = result.Errors.Count(),
                warnings = result.Warnings.Count(),
                diagnostics = result.Diagnostics.Select(d => new
                {
                    path = RelativeTo(source.FlowsDirectory, d.Path),
                    d.Line,
                    d.Column,
                    severity = d.Severity == Severity.Error ? "error" : "warning",
                    d.Message,
                }),
            });
        });
        flows.MapGet("/diff", DiffAsync);
        flows.MapGet("/{name}/diagram", async (string name, string? format, FlowSource source, FlowDiagrams diagrams, CancellationToken cancellation) =>
        {
            var set = source.Current();
            if (set is null || !set.Flows.TryGetValue(name, out var flow)) return ApiError.NotFound();
            switch (format ?? "svg")
            {
                case "mermaid":
                    return Results.Text(FlowGraph.ToMermaid(flow), PlainText);
                case "dot":
                    return Results.Text(FlowGraph.ToDot(flow), PlainText);
                case "svg":
                    var svg = await diagrams.SvgAsync(set.Version, flow, cancellation);
                    return svg is null ? ApiError.Unavailable("graphviz_missing") : Results.Text(svg, "image/svg+xml; charset=utf-8");
                default:
                    return ApiError.BadRequest("format is svg, mermaid or dot");
            }
        });
    }

    private static async Task<IResult> DiffAsync(string? from, string? to, string? path, IvrDatabase database, CancellationToken cancellation)
    {
        if (string.IsNullOrEmpty(from) || string.IsNullOrEmpty(to)) return ApiError.BadRequest("from and to name two versions");
        await using var connection = await database.OpenConnectionAsync(cancellation);
        var versions = new FlowVersionRepository(connection);
        if (!await versions.ExistsAsync(from, cancellation) || !await versions.ExistsAsync(to, cancellation)) return ApiError.NotFound();
        var before = (await versions.FilesAsync(from, cancellation)).ToDictionary(f => f.Path, f => f.Content, StringComparer.Ordinal);
        var after = (await versions.FilesAsync(to, cancellation)).ToDictionary(f => f.Path, f => f.Content, StringComparer.Ordinal);
        var paths = path is { Length: > 0 } ? [path] : before.Keys.Union(after.Keys).Order(StringComparer.Ordinal).ToList();
        if (path is { Length: > 0 } && !before.ContainsKey(path) && !after.ContainsKey(path)) return ApiError.NotFound();
        var diff = new System.Text.StringBuilder();
        foreach (var file in paths)
        {
            diff.Append(UnifiedDiff.Of(before.GetValueOrDefault(file) ?? "", after.GetValueOrDefault(file) ?? "",
                before.ContainsKey(file) ? $"{from}/{file}" : "/dev/null", after.ContainsKey(file) ? $"{to}/{file}" : "/dev/null"));
        }

        return Results.Text(diff.ToString(), PlainText);
    }

    private static string RelativeTo(string folder, string path)
    {
        if (!Path.IsPathRooted(path)) return path.Replace('\\', '/');
        var relative = Path.GetRelativePath(Path.GetFullPath(folder), path);
        return (relative.StartsWith("..", StringComparison.Ordinal) ? Path.GetFileName(path) : relative).Replace('\\', '/');
    }
}
