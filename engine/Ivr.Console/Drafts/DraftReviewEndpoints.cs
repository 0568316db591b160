using System.Diagnostics;
using System.Text.Json;
using Ivr.Data.Drafts;
using Ivr.OperationsConsole.Api;
using Ivr.OperationsConsole.Flows;
using Ivr.OperationsConsole.Security;
using Microsoft.AspNetCore.Routing;

namespace Ivr.OperationsConsole.Drafts;

/// <summary>
/// <c>/api/drafts/{id}/check|submit|approve|reject</c>: the validator and replay gate on a draft, submission (a draft that
/// breaks a replay script needs a written reason), and review by someone other than the author — approval publishes.
/// </summary>
internal static class DraftReviewEndpoints
{
    public sealed record SubmitRequest(string? Reason);

    public sealed record ReviewRequest(string? Comment, bool Overwrite = false);

    public static void Map(IEndpointRouteBuilder api)
    {
        var drafts = api.MapGroup("/drafts/{id:long}");
        drafts.MapPost("/check", CheckAsync).RequireRoles(ConsoleRole.Editor, ConsoleRole.Supervisor);
        drafts.MapPost("/submit", SubmitAsync).RequireRoles(ConsoleRole.Editor);
        drafts.MapPost("/approve", ApproveAsync).RequireRoles(ConsoleRole.Supervisor);
        drafts.MapPost("/reject", RejectAsync).RequireRoles(ConsoleRole.Supervisor);
    }

    private static async Task<IResult> CheckAsync(long id, bool? replay, DraftStore store, DraftCheck check, CancellationToken cancellation)
    {
        if (await store.FindAsync(id, cancellation) is null) return ApiError.NotFound();
        var started = Stopwatch.GetTimestamp();
        using var folder = await store.LayOutAsync(id, withReplay: replay ?? true, cancellation);
        var report = await check.RunAsync(folder, replay ?? true, cancellation);
        return Results.Ok(new { report, milliseconds = Stopwatch.GetElapsedTime(started).TotalMilliseconds });
    }

    private static async Task<IResult> SubmitAsync(HttpContext http, long id, SubmitRequest request, DraftStore store, DraftCheck check, IvrDatabase database,
        TimeProvider time, AccessLog accessLog, CancellationToken cancellation)
    {
        if (await store.FindAsync(id, cancellation) is not { } draft) return ApiError.NotFound();
        if (!DraftStates.Editable(draft.State)) return ApiError.Conflict($"the draft is {draft.State}");
        DraftCheckReport report;
        using (var folder = await store.LayOutAsync(id, cancellation)) report = await check.RunAsync(folder, replay: true, cancellation);
        var reason = request.Reason?.Trim();
        if (!report.Valid) return Refuse(StatusCodes.Status409Conflict, "invalid", "the draft does not validate; fix the errors first", report);
        if (report.BreaksScripts && string.IsNullOrEmpty(reason))
            return Refuse(StatusCodes.Status400BadRequest, "reason_required", "the draft breaks replay scripts; submit it with a written reason for the reviewer", report);
        bool moved;
        await using (var connection = await database.OpenConnectionAsync(cancellation))
        {
            moved = await new DraftRepository(connection).MoveAsync(id, draft.State, DraftStates.Submitted, time.GetUtcNow(),
                new DraftReview(SubmitReason: reason ?? "", CheckReport: JsonSerializer.Serialize(report, DraftView.Json)), cancellation);
        }

        if (!moved) return ApiError.Conflict("the draft changed meanwhile; check it again");
        await accessLog.WriteAsync(http, DraftAudit.Submit, DraftAudit.Target(id), "ok",
            $"{report.Replay?.Passed ?? 0} scripts passed, {report.Replay?.Failed ?? 0} failed{(string.IsNullOrEmpty(reason) ? "" : $"; reason: {reason}")}");
        return Results.Ok(new { state = DraftStates.Submitted, report });
    }

    private static async Task<IResult> ApproveAsync(HttpContext http, long id, ReviewRequest request, DraftStore store, DraftCheck check, FlowSource source,
        ConsoleServices services, IvrDatabase database, TimeProvider time, AccessLog accessLog, CancellationToken cancellation)
    {
        if (await store.FindAsync(id, cancellation) is not { } draft) return ApiError.NotFound();
        if (draft.Author == http.User().Name)
        {
            await accessLog.WriteAsync(http, DraftAudit.Approve, DraftAudit.Target(id), "refused_own_draft");
            return ApiError.Forbidden();
        }

        if (draft.State != DraftStates.Submitted)
        {
            await accessLog.WriteAsync(http, DraftAudit.Approve, DraftAudit.Target(id), "refused_not_submitted", $"the draft is {draft.State}");
            return ApiError.Conflict($"the draft is {draft.State}, not submitted");
        }

        if (services.Workbench is not { } workbench) return ApiError.Unavailable("publishing_unavailable");
        var changed = await store.ChangedFilesAsync(id, cancellation);
        using var folder = await store.LayOutAsync(id, withReplay: false, cancellation);
        var (set, diagnostics) = check.Load(folder);
        if (set is null)
        {
            await accessLog.WriteAsync(http, DraftAudit.Approve, DraftAudit.Target(id), "refused_invalid");
            return Results.Json(new { error = "invalid", message = "the draft no longer validates against the serving files; send it back", diagnostics },
                statusCode: StatusCodes.Status409Conflict);
        }

        var serving = source.Current()?.Version;
        if (serving != draft.BaseVersion && !request.Overwrite)
        {
            await accessLog.WriteAsync(http, DraftAudit.Approve, DraftAudit.Target(id), "refused_newer_version",
                $"version {serving} serves, newer than the base {draft.BaseVersion}; shown the difference");
            return Results.Json(new
            {
                error = "newer_version",
                message = $"version {serving} is serving now, newer than the draft's base {draft.BaseVersion}; read the difference and approve again with overwrite",
                serving, baseVersion = draft.BaseVersion, diff = DraftDiff.Of(store, changed),
            }, statusCode: StatusCodes.Status409Conflict);
        }

        IReadOnlyList<DraftFileChange> audio = [];
        if (services.Editor?.Synthesizer is { } synthesizer && await DraftPromptAudio.RegenerateAsync(folder, synthesizer, cancellation) is { } built)
        {
            if (built.Failed.Count > 0)
            {
                var problems = string.Join("; ", built.Diagnostics.Where(d => d.Severity == Ivr.Flows.Validation.Severity.Error).Select(d => d.Message));
                await accessLog.WriteAsync(http, DraftAudit.Approve, DraftAudit.Target(id), "refused_prompt_audio", problems);
                return Results.Json(new { error = "prompt_audio_failed", message = $"the changed prompts' audio could not be made: {problems}" },
                    statusCode: StatusCodes.Status503ServiceUnavailable);
            }

            audio = DraftPromptAudio.Changes(folder, built);
        }

        // Claimed before publishing: of two reviewers approving at once (on any node) only one publishes.
        var reviewer = http.User().Name;
        if (!await MoveAsync(database, id, DraftStates.Submitted, DraftStates.Published, time,
                new DraftReview(Reviewer: reviewer, ReviewComment: request.Comment?.Trim() ?? ""), cancellation))
        {
            await accessLog.WriteAsync(http, DraftAudit.Approve, DraftAudit.Target(id), "refused_not_submitted", "reviewed by someone else meanwhile");
            return ApiError.Conflict("the draft was reviewed by someone else meanwhile");
        }

        var started = Stopwatch.GetTimestamp();
        // The regenerated audio goes first: the reload that follows the text reads the new audio with the new catalog.
        var version = await workbench.PublishAsync([.. audio, .. changed.Select(f => new DraftFileChange(f.Path, f.Content))], reviewer, cancellation);
        var elapsed = Stopwatch.GetElapsedTime(started);
        if (version is null)
        {
            // Back as it was before the claim: submitted, and no reviewer, comment or review time of a review that did not happen.
            await using (var connection = await database.OpenConnectionAsync(CancellationToken.None))
                await new DraftRepository(connection).ReleaseClaimAsync(draft, reviewer, CancellationToken.None);
            await accessLog.WriteAsync(http, DraftAudit.Approve, DraftAudit.Target(id), "failed", "the published files did not load; the server log says why");
            return ApiError.Unavailable("publish_failed");
        }

        await MoveAsync(database, id, DraftStates.Published, DraftStates.Published, time, new DraftReview(PublishedVersion: version), CancellationToken.None);
        await accessLog.WriteAsync(http, DraftAudit.Approve, DraftAudit.Target(id), "published",
            $"version {version} over {serving}{(serving != draft.BaseVersion ? $" (base {draft.BaseVersion}, overwritten)" : "")}" +
            (audio.Count > 1 ? $"; prompt audio regenerated: {string.Join(", ", audio.SkipLast(1).Select(a => a.Path))}" : ""));
        return Results.Ok(new { state = DraftStates.Published, version, publishMilliseconds = elapsed.TotalMilliseconds });
    }

    private static async Task<IResult> RejectAsync(HttpContext http, long id, ReviewRequest request, DraftStore store, IvrDatabase database, TimeProvider time,
        AccessLog accessLog, CancellationToken cancellation)
    {
        if (await store.FindAsync(id, cancellation) is not { } draft) return ApiError.NotFound();
        if (draft.Author == http.User().Name)
        {
            await accessLog.WriteAsync(http, DraftAudit.Reject, DraftAudit.Target(id), "refused_own_draft");
            return ApiError.Forbidden();
        }

        if (request.Comment?.Trim() is not { Length: > 0 } comment) return ApiError.BadRequest("say why the draft goes back (comment)");
        bool moved;
        await using (var connection = await database.OpenConnectionAsync(cancellation))
        {
            moved = await new DraftRepository(connection).MoveAsync(id, DraftStates.Submitted, DraftStates.Rejected, time.GetUtcNow(),
                new DraftReview(Reviewer: http.User().Name, ReviewComment: comment), cancellation);
        }

        if (!moved) return ApiError.Conflict($"the draft is {draft.State}, not submitted");
        await accessLog.WriteAsync(http, DraftAudit.Reject, DraftAudit.Target(id), "ok", comment);
        return Results.Ok(new { state = DraftStates.Rejected });
    }

    private static async Task<bool> MoveAsync(IvrDatabase database, long id, string from, string to, TimeProvider time, DraftReview review,
        CancellationToken cancellation)
    {
        await using var connection = await database.OpenConnectionAsync(cancellation);
        return await new DraftRepository(connection).MoveAsync(id, from, to, time.GetUtcNow(), review, cancellation);
    }

    private static IResult Refuse(int status, string code, string message, DraftCheckReport report)
        => Results.Json(new { error = code, message, report }, statusCode: status);
}
