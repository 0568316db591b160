using System.Diagnostics;
using Ivr.Data.Operations;
using Ivr.OperationsConsole.Api;
using Ivr.OperationsConsole.Flows;
using Ivr.OperationsConsole.Security;
using Microsoft.AspNetCore.Routing;

namespace Ivr.OperationsConsole.Drafts;

/// <summary><c>POST /api/flows/rollback</c>: serve an earlier version of the flow history again (reviewer role, reason required, audited).</summary>
internal static class RollbackEndpoints
{
    public sealed record RollbackRequest(string? Version, string? Reason);

    public static void Map(IEndpointRouteBuilder api)
        => api.MapPost("/flows/rollback", RollbackAsync).RequireRoles(ConsoleRole.Supervisor);

    private static async Task<IResult> RollbackAsync(HttpContext http, RollbackRequest request, FlowSource source, ConsoleServices services,
        IvrDatabase database, AccessLog accessLog, CancellationToken cancellation)
    {
        if (request.Version is not { Length: > 0 } version) return ApiError.BadRequest("version names the version to serve again");
        if (request.Reason?.Trim() is not { Length: > 0 } reason) return ApiError.BadRequest("a rollback needs a reason");
        if (services.Workbench is not { } workbench) return ApiError.Unavailable("publishing_unavailable");
        IReadOnlyList<FlowVersionFile> files;
        await using (var connection = await database.OpenConnectionAsync(cancellation))
        {
            var versions = new FlowVersionRepository(connection);
            if (!await versions.ExistsAsync(version, cancellation)) return ApiError.NotFound();
            files = await versions.FilesAsync(version, cancellation);
        }

        if (files.Count == 0) return ApiError.Conflict("the history holds no files of that version");
        var before = source.Current()?.Version;
        // History paths are relative to the flows folder, the prompts folder's as prompts/…; flow files the version did not have go.
        var keep = files.Select(f => f.Path).ToHashSet(StringComparer.Ordinal);
        var changes = files.Select(f => new DraftFileChange(DraftPathOf(f.Path), f.Content))
            .Concat(FlowFiles.Read(source.FlowsDirectory).Where(f => !keep.Contains(f.Path)).Select(f => new DraftFileChange($"flows/{f.Path}", null)))
            .ToList();
        var started = Stopwatch.GetTimestamp();
        var served = await workbench.PublishAsync(changes, http.User().Name, cancellation);
        var elapsed = Stopwatch.GetElapsedTime(started);
        await accessLog.WriteAsync(http, DraftAudit.Rollback, $"flows:{version}", served is null ? "failed" : "ok", $"from {before} to {served}; reason: {reason}");
        if (served is null) return ApiError.Unavailable("publish_failed");
        return Results.Ok(new { version = served, requested = version, previous = before, publishMilliseconds = elapsed.TotalMilliseconds });
    }

    private static string DraftPathOf(string historyPath)
        => historyPath.StartsWith(FlowHistory.PromptsPrefix, StringComparison.Ordinal) ? historyPath : $"flows/{historyPath}";
}
