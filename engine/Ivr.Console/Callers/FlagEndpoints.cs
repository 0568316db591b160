using Ivr.Core.Privacy;
using Ivr.Data.Callers;
using Ivr.OperationsConsole.Api;
using Ivr.OperationsConsole.Security;
using Microsoft.AspNetCore.Routing;

namespace Ivr.OperationsConsole.Callers;

/// <summary>
/// <c>/api/flags</c> (supervisors): flagged caller numbers (<see cref="CallerFlagReasons"/>): list the active ones (masked),
/// flag a number with a reason class, a reason and an optional expiry, lift a flag. Both changes are audited with the
/// masked number. A flagged caller hears the recording warning and gets self-service only (flows/main.yaml).
/// </summary>
internal static class FlagEndpoints
{
    public sealed record FlagRequest(string? Number, string? ReasonClass, string? Reason, DateTimeOffset? ExpiresAt);

    private const int MaxReason = 200;

    public static void Map(IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/flags").RequireRoles(ConsoleRole.Supervisor);
        group.MapGet("", async (IvrDatabase database, TimeProvider time, CancellationToken cancellation) =>
        {
            await using var connection = await database.OpenConnectionAsync(cancellation);
            var flags = await new CallerFlagRepository(connection).ActiveListAsync(time.GetUtcNow(), 1000, cancellation);
            return Results.Ok(flags.Select(View));
        });
        group.MapPost("", AddAsync);
        group.MapDelete("/{id:long}", RemoveAsync);
    }

    private static async Task<IResult> AddAsync(HttpContext http, FlagRequest request, IvrDatabase database, TimeProvider time, AccessLog accessLog, ConsoleServices services)
    {
        var number = request.Number?.Trim();
        if (!CallerNumbers.IsValid(number)) return ApiError.BadRequest("number is a caller number: 11 digits from 1, 0 and 9–11 digits, or 7–8 digits");
        if (!CallerFlagReasons.IsValid(request.ReasonClass)) return ApiError.BadRequest($"reasonClass is one of {string.Join(", ", CallerFlagReasons.Classes)}");
        var reason = request.Reason?.Trim() ?? "";
        if (reason.Length is 0 or > MaxReason) return ApiError.BadRequest($"reason is 1..{MaxReason} characters");
        var now = time.GetUtcNow();
        if (request.ExpiresAt is { } expires && expires <= now) return ApiError.BadRequest("expiresAt is in the future");

        await using var connection = await database.OpenConnectionAsync(http.RequestAborted);
        var flags = new CallerFlagRepository(connection);
        var id = await flags.AddAsync(number!, request.ReasonClass!, reason, http.User().Name, now, request.ExpiresAt, http.RequestAborted);
        var masked = Mask.Phone(number);
        await accessLog.WriteAsync(http, CallerCareActions.FlagAdd, $"caller:{masked}", "ok", request.ReasonClass);
        services.Log($"console: {http.User().Name} flagged {masked} ({request.ReasonClass})");
        return Results.Ok(View((await flags.FindAsync(id, http.RequestAborted))!));
    }

    private static async Task<IResult> RemoveAsync(HttpContext http, long id, IvrDatabase database, TimeProvider time, AccessLog accessLog)
    {
        await using var connection = await database.OpenConnectionAsync(http.RequestAborted);
        var flags = new CallerFlagRepository(connection);
        if (await flags.FindAsync(id, http.RequestAborted) is not { } flag || !await flags.RemoveAsync(id, http.User().Name, time.GetUtcNow(), http.RequestAborted))
            return ApiError.NotFound();
        await accessLog.WriteAsync(http, CallerCareActions.FlagRemove, $"caller:{Mask.Phone(flag.Caller)}", "ok", $"flag:{id}");
        return Results.NoContent();
    }

    private static object View(CallerFlag f) => new
    {
        f.Id, callerMasked = Mask.Phone(f.Caller), f.ReasonClass, f.Reason, f.FlaggedAt, f.FlaggedBy, f.ExpiresAt,
    };
}
