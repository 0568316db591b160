using Ivr.Data.Drafts;
using Ivr.OperationsConsole.Api;
using Ivr.OperationsConsole.Flows;
using Ivr.OperationsConsole.Security;
using Microsoft.AspNetCore.Routing;

namespace Ivr.OperationsConsole.Drafts;

/// <summary><c>/api/drafts</c>: open drafts from the serving version, list them, read and save their files (optimistic concurrency).</summary>
internal static class DraftEndpoints
{
    private const string PlainText = "text/plain; charset=utf-8";

    /// <summary>The largest request body of a save: JSON may write each character of a file as a six-character escape.</summary>
    private const long MaxBody = 6L * DraftPaths.MaxBytes + 1024;

    public sealed record OpenRequest(string? Title);

    public sealed record SaveRequest(string? Content, long Revision);

    public static void Map(IEndpointRouteBuilder api)
    {
        var drafts = api.MapGroup("/drafts").RequireRoles(ConsoleRole.Editor, ConsoleRole.Supervisor);
        drafts.MapGet("", async (IvrDatabase database, CancellationToken cancellation) =>
        {
            await using var connection = await database.OpenConnectionAsync(cancellation);
            var repository = new DraftRepository(connection);
            var list = new List<object>();
            foreach (var draft in await repository.ListAsync(cancellation)) list.Add(DraftView.Of(draft, await repository.FilesAsync(draft.Id, cancellation)));
            return Results.Ok(list);
        });
        drafts.MapPost("", OpenAsync).RequireRoles(ConsoleRole.Editor);
        drafts.MapGet("/{id:long}", async (long id, DraftStore store, CancellationToken cancellation) =>
        {
            if (await store.FindAsync(id, cancellation) is not { } draft) return ApiError.NotFound();
            var changed = await store.ChangedFilesAsync(id, cancellation);
            var paths = store.ServingPaths().Union(changed.Select(f => f.Path)).Order(StringComparer.Ordinal);
            return Results.Ok(new { draft = DraftView.Of(draft, changed), files = paths });
        });
        drafts.MapGet("/{id:long}/files/{**path}", async (long id, string path, DraftStore store, CancellationToken cancellation) =>
        {
            if (DraftPaths.CheckPath(path) is { } refusal) return ApiError.BadRequest(refusal);
            if (await store.FindAsync(id, cancellation) is null) return ApiError.NotFound();
            return await store.ReadFileAsync(id, path, cancellation) is { } file ? Results.Ok(file) : ApiError.NotFound();
        });
        drafts.MapPut("/{id:long}/files/{**path}", SaveAsync).RequireRoles(ConsoleRole.Editor);
        drafts.MapGet("/{id:long}/diff", async (long id, DraftStore store, CancellationToken cancellation) =>
        {
            if (await store.FindAsync(id, cancellation) is null) return ApiError.NotFound();
            return Results.Text(DraftDiff.Of(store, await store.ChangedFilesAsync(id, cancellation)), PlainText);
        });
    }

    private static async Task<IResult> OpenAsync(HttpContext http, OpenRequest request, FlowSource source, IvrDatabase database, TimeProvider time,
        AccessLog accessLog, CancellationToken cancellation)
    {
        if (source.Current()?.Version is not { } version) return ApiError.Unavailable("no_flow_set");
        var title = request.Title?.Trim() is { Length: > 0 and <= 200 } t ? t : $"草稿 {time.GetUtcNow().ToOffset(TimeSpan.FromHours(8)):yyyy-MM-dd HH:mm}";
        long id;
        await using (var connection = await database.OpenConnectionAsync(cancellation))
            id = await new DraftRepository(connection).CreateAsync(title, version, http.User().Name, time.GetUtcNow(), cancellation);
        await accessLog.WriteAsync(http, DraftAudit.Create, DraftAudit.Target(id), "ok", $"from version {version}");
        return Results.Created($"/api/drafts/{id}", new { id, title, baseVersion = version });
    }

    private static async Task<IResult> SaveAsync(HttpContext http, long id, string path, DraftStore store, AccessLog accessLog, CancellationToken cancellation)
    {
        if (http.Request.ContentLength > MaxBody) return TooLarge();
        if (http.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = MaxBody;
        SaveRequest? request;
        try
        {
            request = await http.Request.ReadFromJsonAsync<SaveRequest>(DraftView.Json, cancellation);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge();
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or InvalidOperationException or System.Text.DecoderFallbackException)
        {
            return ApiError.BadRequest("the body is {\"content\": \"…\", \"revision\": N} in UTF-8 JSON");
        }

        if (request?.Content is not { } content) return ApiError.BadRequest("content is the file's text");
        var save = await store.WriteFileAsync(id, path, content, request.Revision, http.User().Name, cancellation);
        if (save.NotFound) return ApiError.NotFound();
        if (save.Refusal is { } refusal) return refusal.Contains("KiB", StringComparison.Ordinal) ? TooLarge() : ApiError.BadRequest(refusal);

        if (save.Locked) return ApiError.Conflict("the draft is waiting for review or published; it cannot change now");
        if (save.Current is { } current)
        {
            await accessLog.WriteAsync(http, DraftAudit.Save, DraftAudit.Target(id), "conflict", path);
            return Results.Json(new
            {
                error = "conflict",
                message = $"{path} was saved by someone else (revision {current.Revision}); merge the difference and save again",
                revision = current.Revision,
                diff = UnifiedDiff.Of(current.Content, content, $"saved/{path}", $"yours/{path}"),
            }, statusCode: StatusCodes.Status409Conflict);
        }

        await accessLog.WriteAsync(http, DraftAudit.Save, DraftAudit.Target(id), "ok", $"{path} revision {save.Revision}");
        return Results.Ok(new { path, revision = save.Revision });
    }

    private static IResult TooLarge()
        => Results.Json(new { error = "too_large", message = $"a file is at most {DraftPaths.MaxBytes / 1024} KiB" }, statusCode: StatusCodes.Status413PayloadTooLarge);
}
