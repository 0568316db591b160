using Ivr.OperationsConsole.Api;
using Ivr.OperationsConsole.Security;
using Microsoft.AspNetCore.Routing;

namespace Ivr.OperationsConsole.Prompts;

/// <summary>
/// <c>/api/prompts</c>: the prompts of the serving flow set, each prompt's audio to listen to in the browser, and an
/// editor's upload of a recording (WAV or MP3, any rate and channels; the raw file as the request body) that replaces
/// a prompt's audio for new calls and is marked <c>human</c>; and <c>POST /api/prompts/build</c>, which regenerates with
/// espeak-ng the audio of prompts whose text changed (human ones kept). Uploads and builds are in the access log.
/// </summary>
internal static class PromptAudioEndpoints
{
    public const string AuditAction = "prompt_audio_upload";
    public const string BuildAction = "prompt_audio_build";

    public static void Map(IEndpointRouteBuilder api)
    {
        var prompts = api.MapGroup("/prompts").RequireRoles(ConsoleRole.Editor, ConsoleRole.Supervisor);
        prompts.MapGet("", (ConsoleServices services) =>
        {
            if (services.Flows.Current() is not { } set) return ApiError.Unavailable("no_flow_set");
            var store = services.Editor?.PromptAudio;
            return Results.Ok(set.Prompts.Values.OrderBy(p => p.Id, StringComparer.Ordinal).Select(p => new
            {
                p.Id, p.Text, seconds = Math.Round(p.Duration.TotalSeconds, 2), hasAudio = p.AudioFile is not null, human = store?.IsHuman(p.Id) ?? false,
            }));
        });
        prompts.MapGet("/{id}/audio", (string id, ConsoleServices services) =>
            services.Flows.Current() is { } set ? PromptAudioFile.Result(set, id) : ApiError.Unavailable("no_flow_set"));
        api.MapPost("/prompts/{id}/audio", UploadAsync).RequireRoles(ConsoleRole.Editor);
        api.MapPost("/prompts/build", async (HttpContext http, ConsoleServices services, AccessLog accessLog) =>
        {
            if (services.Editor?.PromptAudio is not { } store) return ApiError.Unavailable("prompt_audio_not_available");
            var report = await store.RegenerateChangedAsync(http.RequestAborted);
            await accessLog.WriteAsync(http, BuildAction, "prompts", report.HasErrors ? "failed" : "ok", report.ToString());
            return Results.Ok(new
            {
                report.Generated, report.KeptHuman, report.Failed, unchanged = report.Unchanged.Count,
                problems = report.Diagnostics.Select(d => d.Message),
            });
        }).RequireRoles(ConsoleRole.Editor);
    }

    private static async Task<IResult> UploadAsync(string id, HttpContext http, ConsoleServices services, AccessLog accessLog)
    {
        if (services.Editor?.PromptAudio is not { } store) return ApiError.Unavailable("prompt_audio_not_available");
        if (services.Flows.Current() is not { } set) return ApiError.Unavailable("no_flow_set");
        if (!set.Prompts.ContainsKey(id)) return ApiError.NotFound();
        var target = $"prompt:{id}";
        var upload = await PromptUploadBody.ReadAsync(http.Request, store.MaxUploadBytes, http.RequestAborted);
        if (upload.Refusal is { } tooBig)
        {
            await accessLog.WriteAsync(http, AuditAction, target, "refused", tooBig);
            return Results.Json(new { error = "too_large", message = tooBig }, statusCode: StatusCodes.Status413PayloadTooLarge);
        }

        var saved = await store.SaveRecordingAsync(id, upload.Bytes!, http.RequestAborted);
        if (!saved.Stored)
        {
            await accessLog.WriteAsync(http, AuditAction, target, "refused", saved.Refusal);
            return ApiError.BadRequest(saved.Refusal ?? "not audio");
        }

        await accessLog.WriteAsync(http, AuditAction, target, "ok", $"{saved.Source}, {saved.Seconds:0.##} s");
        services.Log($"console: {http.User().Name} uploaded a recording of prompt {id} ({saved.Source}, {saved.Seconds:0.##} s), marked human");
        return Results.Ok(new { id, human = true, seconds = Math.Round(saved.Seconds, 2), source = saved.Source });
    }
}
