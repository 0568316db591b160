using System.Globalization;
using Ivr.OperationsConsole.Api;
using Ivr.OperationsConsole.Flows;
using Ivr.OperationsConsole.Security;
using Ivr.Data.Operations;
using Ivr.Flows.Model;
using Microsoft.AspNetCore.Routing;

namespace Ivr.OperationsConsole.Statistics;

/// <summary><c>GET /api/stats?from=&amp;to=&amp;flowVersion=</c>: dates are the service's local dates, inclusive.</summary>
internal static class StatisticsEndpoints
{
    /// <summary>China Standard Time, when the flow set has no calendar to say otherwise.</summary>
    public static readonly TimeSpan DefaultUtcOffset = TimeSpan.FromHours(8);

    private const int MaxDays = 366;

    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/stats", GetAsync).RequireRoles(ConsoleRole.Supervisor, ConsoleRole.Editor);
    }

    private static async Task<IResult> GetAsync(string? from, string? to, string? flowVersion, IvrDatabase database, FlowSource flows, TimeProvider time, CancellationToken cancellation)
    {
        var set = flows.Current();
        var offset = set?.Calendar?.UtcOffset ?? DefaultUtcOffset;
        var today = DateOnly.FromDateTime(time.GetUtcNow().ToOffset(offset).DateTime);
        if (!TryDate(to, today, out var toDate) || !TryDate(from, toDate.AddDays(-6), out var fromDate))
            return ApiError.BadRequest("from and to are dates written yyyy-MM-dd");
        if (fromDate > toDate) return ApiError.BadRequest("from is after to");
        if (toDate.DayNumber - fromDate.DayNumber >= MaxDays) return ApiError.BadRequest($"at most {MaxDays} days at once");
        if (flowVersion is { Length: 0 }) flowVersion = null;

        var start = new DateTimeOffset(fromDate.ToDateTime(TimeOnly.MinValue), offset);
        var end = new DateTimeOffset(toDate.AddDays(1).ToDateTime(TimeOnly.MinValue), offset);
        var source = new StatisticsSource(database);
        var calls = await source.CallsAsync(start, end, flowVersion, cancellation);
        var report = StatisticsBuilder.Build(fromDate, toDate, flowVersion, offset, calls,
            await source.SurveyScoresAsync(start, end, flowVersion, cancellation),
            await source.VoiceMessagesAsync(start, end, flowVersion, cancellation),
            await source.FaxesAsync(start, end, cancellation),
            node => set?.FindNode(node) is { Kind: NodeKind.Menu },
            await source.FlowVersionsAsync(cancellation));
        return Results.Ok(report);
    }

    private static bool TryDate(string? text, DateOnly fallback, out DateOnly date)
    {
        if (string.IsNullOrEmpty(text))
        {
            date = fallback;
            return true;
        }

        return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
    }
}
