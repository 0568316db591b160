using System.Globalization;
using Ivr.OperationsConsole.Api;
using Ivr.OperationsConsole.Security;
using Ivr.Data.Calls;
using Ivr.Data.Operations;
using Ivr.OperationsConsole.Memory;
using Ivr.Runtime.Replay;
using Microsoft.AspNetCore.Routing;

namespace Ivr.OperationsConsole.Calls;

/// <summary><c>/api/calls</c>: search, one call's timeline, and the exports (replay script, CSV), each export logged.</summary>
internal static class CallEndpoints
{
    private const int MaxLimit = 1000;

    /// <summary>The most calls one CSV export holds (it streams, so this bounds time, not memory).</summary>
    private const int MaxExport = 10_000_000;

    /// <summary>Set on a full page: the <c>after</c> value that asks for the next one.</summary>
    public const string NextPageHeader = "X-Next-Page";
    private const int MinSuffixDigits = 4;

    public static void Map(IEndpointRouteBuilder api)
    {
        var calls = api.MapGroup("/calls").RequireRoles(ConsoleRole.Supervisor);
        calls.MapGet("", async (HttpContext http, IvrDatabase database) =>
        {
            if (!TryQuery(http.Request.Query, 100, out var query, out var problem)) return ApiError.BadRequest(problem);
            var found = await new CallSearch(database).FindAsync(query, http.RequestAborted);
            if (found.Count == query.Limit) http.Response.Headers[NextPageHeader] = new CallCursor(found[^1].StartedAt, found[^1].CallId).ToString();
            return Results.Ok(found.Select(CallView.Of));
        });
        calls.MapGet("/export.csv", async (HttpContext http, IvrDatabase database, AccessLog accessLog, HeapTrim heapTrim) =>
        {
            if (!TryQuery(http.Request.Query, MaxExport, out var query, out var problem, MaxExport)) return ApiError.BadRequest(problem);
            await CallCsvExport.StreamAsync(http, new CallSearch(database), query, accessLog, heapTrim);
            return Results.Empty;
        });
        // The Call-ID is read from the raw target: any Call-ID, '/' and '%' included, percent-encoded as one segment.
        calls.MapGet("/{id}", (HttpContext http, IvrDatabase database) => Detail(RawPathSegment.Of(http, 2)!, database));
        calls.MapGet("/{id}/script", (HttpContext http, IvrDatabase database, AccessLog accessLog) => ScriptAsync(http, RawPathSegment.Of(http, 2)!, database, accessLog));

        // The same in the query string, for the Call-IDs no path can carry: ".", ".." and "export.csv".
        var byQuery = api.MapGroup("/call").RequireRoles(ConsoleRole.Supervisor);
        byQuery.MapGet("", (HttpContext http, IvrDatabase database) => IdFromQuery(http) is { } id ? Detail(id, database) : MissingId());
        byQuery.MapGet("/script", (HttpContext http, IvrDatabase database, AccessLog accessLog)
            => IdFromQuery(http) is { } id ? ScriptAsync(http, id, database, accessLog) : Task.FromResult(MissingId()));
    }

    private static IResult Detail(string id, IvrDatabase database)
    {
        var history = new SqliteCallHistory(database);
        var call = history.Find(id);
        if (call is null) return ApiError.NotFound();
        return Results.Ok(new
        {
            call = CallView.Of(call),
            events = history.Events(id).Select(e => new { seq = e.Sequence, e.At, kind = e.Kind.ToString(), e.Node, e.Outcome, e.Detail }),
        });
    }

    private static async Task<IResult> ScriptAsync(HttpContext http, string id, IvrDatabase database, AccessLog accessLog)
    {
        var history = new SqliteCallHistory(database);
        var call = history.Find(id);
        if (call is null) return ApiError.NotFound();
        var script = CallScriptWriter.Write(call, history.Events(id));
        await accessLog.WriteAsync(http, AccessLog.ExportScript, $"call:{id}", "ok");
        return Results.File(System.Text.Encoding.UTF8.GetBytes(script), "text/yaml; charset=utf-8", $"call-{SafeFileName(id)}.yaml");
    }

    private static string? IdFromQuery(HttpContext http) => http.Request.Query["id"].ToString() is { Length: > 0 } id ? id : null;

    private static IResult MissingId() => ApiError.BadRequest("id is the Call-ID");

    private static bool TryQuery(IQueryCollection q, int defaultLimit, out CallQuery query, out string problem, int maxLimit = MaxLimit)
    {
        query = new CallQuery();
        problem = "";
        DateTimeOffset? from = null, to = null;
        if (q["from"].ToString() is { Length: > 0 } f)
        {
            if (!DateTimeOffset.TryParse(f, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)) { problem = "from is an ISO-8601 time"; return false; }
            from = parsed;
        }

        if (q["to"].ToString() is { Length: > 0 } t)
        {
            if (!DateTimeOffset.TryParse(t, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)) { problem = "to is an ISO-8601 time"; return false; }
            to = parsed;
        }

        string? number = null;
        var suffix = false;
        if (q["number"].ToString() is { Length: > 0 } n)
        {
            if (!n.All(char.IsAsciiDigit) || n.Length > 20) { problem = "number is digits only"; return false; }
            if (n.Length < MinSuffixDigits) { problem = $"number needs at least {MinSuffixDigits} digits (the full number, or its ending)"; return false; }
            number = n;
            suffix = true; // the full number is its own ending
        }

        var limit = defaultLimit;
        if (q["limit"].ToString() is { Length: > 0 } l && (!int.TryParse(l, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit < 1 || limit > maxLimit))
        {
            problem = $"limit is 1..{maxLimit}";
            return false;
        }

        CallCursor? after = null;
        if (q["after"].ToString() is { Length: > 0 } a && !CallCursor.TryParse(a, out after)) { problem = $"after is the {NextPageHeader} header of the previous page"; return false; }

        var disposition = q["disposition"].ToString() is { Length: > 0 } d ? d : null;
        var flowVersion = q["flowVersion"].ToString() is { Length: > 0 } v ? v : null;
        var node = q["node"].ToString() is { Length: > 0 } nd ? nd : null;
        query = new CallQuery(from, to, number, suffix, disposition, limit, flowVersion, node, after);
        return true;
    }

    private static string SafeFileName(string id) => new(id.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_').ToArray());
}
