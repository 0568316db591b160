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
        List<DraftFileChange> changes = files.Select(f => new DraftFileChange(DraftPathOf(f.Path), f.Content))
            .Concat(FlowFiles.Read(source.FlowsDirectory).Where(f => !keep.Contains(f.Path)).Select(f => new DraftFileChange($"flows/{f.Path}", null)))
            .ToList();
        // The history keeps the prompts' text, not their audio: the prompts whose restored text no longer matches the serving audio
        // are spoken anew (as approve does), so that a call after the rollback hears the text it rolled back to.
        var audio = await PromptAudioAsync(source, services, changes, cancellation);
        if (audio.Problems is { } problems)
        {
            await accessLog.WriteAsync(http, DraftAudit.Rollback, $"flows:{version}", "refused_prompt_audio", $"{problems}; reason: {reason}");
            return Results.Json(new { error = "prompt_audio_failed", message = $"the restored prompts' audio could not be made: {problems}" },
                statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        changes = [.. audio.Changes, .. changes];
        var started = Stopwatch.GetTimestamp();
        var served = await workbench.PublishAsync(changes, http.User().Name, cancellation);
        var elapsed = Stopwatch.GetElapsedTime(started);
        await accessLog.WriteAsync(http, DraftAudit.Rollback, $"flows:{version}", served is null ? "failed" : "ok", $"from {before} to {served}; reason: {reason}");
        if (served is null) return ApiError.Unavailable("publish_failed");
        return Results.Ok(new { version = served, requested = version, previous = before, publishMilliseconds = elapsed.TotalMilliseconds });
    }

    private static async Task<(IReadOnlyList<DraftFileChange> Changes, string? Problems)> PromptAudioAsync(FlowSource source, ConsoleServices services,
        IReadOnlyList<DraftFileChange> changes, CancellationToken cancellation)
    {
        if (services.Editor?.Synthesizer is not { } synthesizer) return ([], null);
        var prompts = changes.Where(c => c.Path.StartsWith(FlowHistory.PromptsPrefix, StringComparison.Ordinal) && c.Content is not null)
            .Select(c => (c.Path, c.Content!)).ToList();
        if (prompts.Count == 0) return ([], null);
        using var folder = DraftFolder.Create(new Dictionary<string, string> { ["flows"] = source.FlowsDirectory, ["prompts"] = source.PromptsDirectory },
            prompts, withReplay: false);
        if (await DraftPromptAudio.RegenerateAsync(folder, synthesizer, cancellation) is not { } built) return ([], null);
        if (built.Failed.Count > 0)
            return ([], string.Join("; ", built.Diagnostics.Where(d => d.Severity == Ivr.Flows.Validation.Severity.Error).Select(d => d.Message)));
        return (DraftPromptAudio.Changes(folder, built), null);
    }

    private static string DraftPathOf(string historyPath)
        => historyPath.StartsWith(FlowHistory.PromptsPrefix, StringComparison.Ordinal) ? historyPath : $"flows/{historyPath}";
}
