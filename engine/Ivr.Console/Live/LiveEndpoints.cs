using System.Globalization;
using System.Text.Json;
using Ivr.OperationsConsole.Security;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Ivr.OperationsConsole.Live;

/// <summary>
/// <c>/api/live</c>: the calls in progress, with an ETag (the snapshot's version) so polling costs a 304
/// when nothing changed; <c>/api/live/stream</c>: the same as Server-Sent Events, pushed on change.
/// </summary>
internal static class LiveEndpoints
{
    /// <summary>Pushes are at most this frequent, however busy the calls are.</summary>
    private static readonly TimeSpan PushInterval = TimeSpan.FromMilliseconds(250);

    public static void Map(IEndpointRouteBuilder api)
    {
        var live = api.MapGroup("/live").RequireRoles(ConsoleRole.Agent, ConsoleRole.Supervisor);
        live.MapGet("", (HttpContext http, ILiveCalls calls, TimeProvider time) =>
        {
            var snapshot = calls.Snapshot();
            var etag = $"\"{snapshot.Version.ToString(CultureInfo.InvariantCulture)}\"";
            http.Response.Headers.ETag = etag;
            if (http.Request.Headers.IfNoneMatch.ToString() == etag) return Results.StatusCode(StatusCodes.Status304NotModified);
            return Results.Ok(View(snapshot, time.GetUtcNow()));
        });
        live.MapGet("/stream", StreamAsync);
    }

    private static async Task StreamAsync(HttpContext http, ILiveCalls calls, TimeProvider time, SessionService sessions, ConsoleOptions options,
        IOptions<JsonOptions> json)
    {
        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers["X-Accel-Buffering"] = "no";
        var cookie = http.Request.Cookies[SessionMiddleware.CookieName];
        var cancellation = http.RequestAborted;
        long sent = -1;
        try
        {
            while (!cancellation.IsCancellationRequested)
            {
                var snapshot = calls.Snapshot();
                if (snapshot.Version != sent)
                {
                    var data = JsonSerializer.Serialize(View(snapshot, time.GetUtcNow()), json.Value.SerializerOptions);
                    await http.Response.WriteAsync($"event: live\ndata: {data}\n\n", cancellation);
                    await http.Response.Body.FlushAsync(cancellation);
                    sent = snapshot.Version;
                    await Task.Delay(PushInterval, cancellation);
                    continue;
                }

                using var ping = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
                ping.CancelAfter(options.LiveStreamPing);
                try
                {
                    await calls.WaitForChangeAsync(sent, ping.Token);
                }
                catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
                {
                    // A quiet stretch: keep the connection open, and end it when the session has expired.
                    if (await sessions.ResumeAsync(cookie, cancellation) is null) return;
                    await http.Response.WriteAsync(": ping\n\n", cancellation);
                    await http.Response.Body.FlushAsync(cancellation);
                }
            }
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
        }
    }

    private static object View(LiveSnapshot snapshot, DateTimeOffset now) => new
    {
        version = snapshot.Version,
        at = now,
        calls = snapshot.Calls.Select(c => new
        {
            c.CallId,
            c.CallerMasked,
            c.Dialled,
            c.Flow,
            c.Node,
            c.FlowVersion,
            c.StartedAt,
            durationSeconds = Math.Max(0, (long)(now - c.StartedAt).TotalSeconds),
        }),
    };
}
