using System.Text.Json;
using Ivr.OperationsConsole.Api;
using Ivr.OperationsConsole.Flows;
using Ivr.OperationsConsole.Prompts;
using Ivr.OperationsConsole.Security;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Ivr.OperationsConsole.TryCalls;

/// <summary>
/// <c>/api/try-calls</c> (试拨), editors: a simulated call on the server — the same call engine, real time — on the flow set
/// serving, driven from the browser (keys, silence, hang-up) and followed as Server-Sent Events (nodes entered, prompts
/// played with their audio, the end); saved as a replay script. A user reaches only the try-calls they started.
/// </summary>
internal static class TryCallEndpoints
{
    public const string AuditAction = "try_call";

    public sealed record KeysRequest(string? Digits);

    public static void Map(IEndpointRouteBuilder api)
    {
        var calls = api.MapGroup("/try-calls").RequireRoles(ConsoleRole.Editor);
        calls.MapPost("", StartAsync);
        calls.MapGet("", (HttpContext http, TryCallRegistry registry) => Results.Ok(registry.Of(http.User().Name).Select(View)));
        calls.MapGet("/{id}", (string id, HttpContext http, TryCallRegistry registry) =>
            registry.Find(id, http.User().Name) is { } call ? Results.Ok(View(call)) : ApiError.NotFound());
        calls.MapPost("/{id}/keys", (string id, KeysRequest request, HttpContext http, TryCallRegistry registry, TimeProvider time) =>
        {
            if (registry.Find(id, http.User().Name) is not { } call) return ApiError.NotFound();
            var digits = request.Digits ?? "";
            if (digits.Length is 0 or > 32 || digits.Any(c => !char.IsAsciiDigit(c) && c is not '*' and not '#'))
                return ApiError.BadRequest("digits are 1 to 32 of 0-9, * and #");
            if (call.Session.HasEnded) return ApiError.Conflict("the try-call has ended");
            call.Touch(time);
            foreach (var digit in digits) call.Channel.Press(digit);
            return Results.Accepted();
        });
        calls.MapPost("/{id}/silence", (string id, HttpContext http, TryCallRegistry registry, TimeProvider time) =>
        {
            if (registry.Find(id, http.User().Name) is not { } call) return ApiError.NotFound();
            if (call.Session.HasEnded) return ApiError.Conflict("the try-call has ended");
            call.Touch(time);
            // Silence is the absence of keys: the flow's own no-input timer runs in real time. During a recording the
            // caller speaks three seconds, then falls silent, which ends the recording.
            var recording = call.Channel.IsRecording;
            if (recording) call.Channel.SpeakThenFallSilent(TimeSpan.FromSeconds(3));
            return Results.Accepted(value: new { recording });
        });
        calls.MapPost("/{id}/hangup", (string id, HttpContext http, TryCallRegistry registry, TimeProvider time) =>
        {
            if (registry.Find(id, http.User().Name) is not { } call) return ApiError.NotFound();
            call.Touch(time);
            if (!call.Session.HasEnded) call.Session.HungUp("caller hung up (try-call)");
            return Results.Accepted();
        });
        calls.MapGet("/{id}/events", StreamAsync);
        calls.MapGet("/{id}/prompts/{prompt}", (string id, string prompt, HttpContext http, TryCallRegistry registry) =>
            registry.Find(id, http.User().Name) is { } call ? PromptAudioFile.Result(call.Set, prompt) : ApiError.NotFound());
        calls.MapGet("/{id}/diagram/{flow}", async (string id, string flow, HttpContext http, TryCallRegistry registry, FlowDiagrams diagrams) =>
        {
            if (registry.Find(id, http.User().Name) is not { } call || !call.Set.Flows.TryGetValue(flow, out var model)) return ApiError.NotFound();
            var svg = await diagrams.SvgAsync(call.Set.Version, model, http.RequestAborted);
            return svg is null ? ApiError.Unavailable("graphviz_missing") : Results.Text(svg, "image/svg+xml; charset=utf-8");
        });
        calls.MapGet("/{id}/script", async (string id, bool? download, HttpContext http, TryCallRegistry registry, AccessLog accessLog) =>
        {
            if (registry.Find(id, http.User().Name) is not { } call) return ApiError.NotFound();
            var script = TryCallScript.Write(call);
            await accessLog.WriteAsync(http, AuditAction, $"try-call:{id}", "ok", "saved as a replay script");
            return download == true
                ? Results.File(System.Text.Encoding.UTF8.GetBytes(script), "application/yaml; charset=utf-8", $"{id}.yaml")
                : Results.Text(script, "application/yaml; charset=utf-8");
        });
    }

    private static async Task<IResult> StartAsync(HttpContext http, ConsoleServices services, TryCallRegistry registry, AccessLog accessLog)
    {
        if (services.Editor is not { } editor) return ApiError.Unavailable("try_calls_not_available");
        if (services.Flows.Current() is not { } set) return ApiError.Unavailable("no_flow_set");
        return await StartOnAsync(http, set, editor, registry, accessLog, draft: null);
    }

    /// <summary>Starts a try-call of the signed-in user on <paramref name="set"/> (of <paramref name="draft"/>, whose folder is deleted
    /// when no call starts), audited → 201 with the call, or 429 with why not.</summary>
    internal static async Task<IResult> StartOnAsync(HttpContext http, Ivr.Flows.Model.FlowSet set, EditorServices editor, TryCallRegistry registry,
        AccessLog accessLog, TryCallDraft? draft)
    {
        var (call, refusal) = registry.Start(http.User().Name, set, editor.TryCalls, editor.Switches, draft);
        if (call is null)
        {
            draft?.Folder.Dispose();
            await accessLog.WriteAsync(http, AuditAction, "try-call", "refused", refusal);
            return Results.Json(new { error = "too_many_try_calls", message = refusal }, statusCode: StatusCodes.Status429TooManyRequests);
        }

        var on = draft is null ? $"version {set.Version}" : $"draft {draft.Id} (version {set.Version})";
        await accessLog.WriteAsync(http, AuditAction, $"try-call:{call.Id}", "ok", $"started on {on}");
        return Results.Created($"/api/try-calls/{call.Id}", View(call));
    }

    private static async Task StreamAsync(string id, HttpContext http, TryCallRegistry registry, IOptions<JsonOptions> json)
    {
        if (registry.Find(id, http.User().Name) is not { } call)
        {
            await ApiError.NotFound().ExecuteAsync(http);
            return;
        }

        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers["X-Accel-Buffering"] = "no";
        var next = int.TryParse(http.Request.Headers["Last-Event-ID"], out var last) ? last + 1 : 0;
        var cancellation = http.RequestAborted;
        try
        {
            while (!cancellation.IsCancellationRequested)
            {
                var (events, more) = call.Feed.Since(next);
                foreach (var e in events)
                {
                    await http.Response.WriteAsync($"id: {e.Seq}\nevent: {e.Type}\ndata: {JsonSerializer.Serialize(e, json.Value.SerializerOptions)}\n\n", cancellation);
                    next = e.Seq + 1;
                }

                await http.Response.Body.FlushAsync(cancellation);
                if (events.Any(e => e.Type == "ended")) return;
                await more.WaitAsync(TimeSpan.FromSeconds(15), cancellation).ContinueWith(_ => { }, TaskScheduler.Default);
                if (!more.IsCompleted) await http.Response.WriteAsync(": ping\n\n", cancellation);
            }
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
        }
    }

    private static object View(TryCall call) => new
    {
        call.Id,
        flowVersion = call.Set.Version,
        flow = call.Set.FlowFor(TryCallScript.Dialled)?.Name,
        node = call.Session.Current?.Id,
        ended = call.Session.HasEnded,
        disposition = call.Session.Disposition,
        call.StartedAt,
        switches = call.Switches,
        draftId = call.Draft?.Id,
        events = $"/api/try-calls/{call.Id}/events",
    };
}
