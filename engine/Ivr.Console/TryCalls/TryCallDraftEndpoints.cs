using Ivr.OperationsConsole.Api;
using Ivr.OperationsConsole.Drafts;
using Ivr.OperationsConsole.Security;
using Microsoft.AspNetCore.Routing;

namespace Ivr.OperationsConsole.TryCalls;

/// <summary>
/// 试拨 of a draft (issue 15, item 8): <c>POST /api/drafts/{id}/try-calls</c> starts a try-call on the draft's flow set, laid out
/// for the call's life; <c>POST /api/try-calls/{id}/save-to-draft</c> writes that call as a replay script
/// <c>replay/FLOW/NN-NAME.yaml</c> into the draft (<see cref="TryCallScriptPath"/>), audited as a draft save, so the draft's
/// check runs it with the shipped scripts.
/// </summary>
internal static class TryCallDraftEndpoints
{
    /// <param name="Name">The script's name (<c>NN-NAME.yaml</c>).</param>
    /// <param name="Flow">The replay folder's flow; by default the first subflow the call entered.</param>
    public sealed record SaveRequest(string? Name, string? Flow = null);

    /// <summary>How many numbers are tried when another save takes the next one meanwhile.</summary>
    private const int Attempts = 5;

    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapPost("/drafts/{id:long}/try-calls", StartAsync).RequireRoles(ConsoleRole.Editor);
        api.MapPost("/try-calls/{id}/save-to-draft", SaveAsync).RequireRoles(ConsoleRole.Editor);
    }

    private static async Task<IResult> StartAsync(long id, HttpContext http, ConsoleServices services, DraftStore store, DraftCheck check,
        TryCallRegistry registry, AccessLog accessLog, CancellationToken cancellation)
    {
        if (services.Editor is not { } editor) return ApiError.Unavailable("try_calls_not_available");
        if (await store.FindAsync(id, cancellation) is null) return ApiError.NotFound();
        var folder = await store.LayOutAsync(id, withReplay: false, cancellation);
        try
        {
            if (editor.Synthesizer is { } synthesizer) await DraftPromptAudio.RegenerateAsync(folder, synthesizer, cancellation); // the draft's texts are heard
        }
        catch
        {
            folder.Dispose();
            throw;
        }

        var (set, diagnostics) = check.Load(folder);
        if (set is null)
        {
            folder.Dispose();
            return Results.Json(new { error = "invalid", message = "the draft does not validate: fix its errors before trying a call",
                diagnostics = diagnostics.Where(d => d.Severity == "error") }, statusCode: StatusCodes.Status409Conflict);
        }

        return await TryCallEndpoints.StartOnAsync(http, set, editor, registry, accessLog, new TryCallDraft(id, folder));
    }

    private static async Task<IResult> SaveAsync(string id, SaveRequest request, HttpContext http, TryCallRegistry registry, DraftStore store,
        AccessLog accessLog, CancellationToken cancellation)
    {
        var user = http.User().Name;
        if (registry.Find(id, user) is not { } call) return ApiError.NotFound();
        if (call.Draft is not { } draft) return ApiError.Conflict("this try-call runs on the serving version, not on a draft: download its script instead");
        if (TryCallScriptPath.CheckName(request.Name) is not { } name)
            return ApiError.BadRequest($"name is 1 to {TryCallScriptPath.MaxName} of a-z, 0-9 and - (e.g. pension-wrong-pin)");

        if (TryCallScriptPath.FolderOf(call, request.Flow) is not { } folder) return ApiError.BadRequest("flow names a flow of the draft");
        var script = TryCallScript.Write(call);
        var taken = store.ServingPaths().Concat((await store.ChangedFilesAsync(draft.Id, cancellation)).Select(f => f.Path)).ToList();
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var path = TryCallScriptPath.Next(folder, name, taken);
            var save = await store.WriteFileAsync(draft.Id, path, script, 0, user, cancellation);
            if (save.NotFound) return ApiError.NotFound();
            if (save.Locked) return ApiError.Conflict("the draft is waiting for review or published; it cannot change now");
            if (save.Refusal is { } refusal) return ApiError.BadRequest(refusal);
            if (save.Saved)
            {
                await accessLog.WriteAsync(http, DraftAudit.Save, DraftAudit.Target(draft.Id), "ok", $"{path} revision {save.Revision} from try-call {call.Id}");
                return Results.Created($"/api/drafts/{draft.Id}/files/{path}", new { draftId = draft.Id, path, revision = save.Revision, content = script });
            }

            taken.Add(path); // saved by someone else meanwhile: the next number
        }

        return ApiError.Conflict("other scripts were saved into that folder meanwhile; try again");
    }
}
