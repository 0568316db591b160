using System.Globalization;
using Ivr.OperationsConsole.Api;
using Ivr.OperationsConsole.Flows;
using Ivr.OperationsConsole.Security;
using Ivr.Data.Operations;
using Ivr.Data.Rollups;
using Ivr.Flows.Model;
using Microsoft.AspNetCore.Routing;

namespace Ivr.OperationsConsole.Statistics;

/// <summary>
/// <c>GET /api/stats?from=&amp;to=&amp;flowVersion=&amp;node=</c>: dates are local dates of the deployment's statistics zone
/// (<see cref="RollupClock"/>, China Standard Time), inclusive; the figures come from the rollups plus the calls not
/// rolled up yet. Statistics asked for in another offset — <c>utcOffset=</c>, or a flow set whose calendar names one —
/// are refused with 400: the rollups keep that zone's days, and computing other days from every call is what made a
/// year take minutes and gigabytes. The funnel reads each call's menus from its own flow version's files (<see cref="VersionMenuCache"/>).
/// <c>node</c> keeps the calls one node answered (<see cref="StatisticsNodeFilter"/>).
/// </summary>
internal static class StatisticsEndpoints
{
    /// <summary>The statistics zone's offset from UTC.</summary>
    public static readonly TimeSpan DefaultUtcOffset = RollupClock.UtcOffset;

    private const int MaxYears = 10;

    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/stats", GetAsync).RequireRoles(ConsoleRole.Supervisor, ConsoleRole.Editor);
        StatisticsNodeFilter.Map(api);
    }

    private static async Task<IResult> GetAsync(string? from, string? to, string? flowVersion, string? utcOffset, string? node, IvrDatabase database, FlowSource flows, VersionMenuCache versionMenus, TimeProvider time, CancellationToken cancellation)
    {
        var set = flows.Current();
        if (OtherOffset(utcOffset, set?.Calendar?.UtcOffset) is { } refused) return ApiError.BadRequest(refused);
        var offset = RollupClock.UtcOffset;
        var today = DateOnly.FromDateTime(time.GetUtcNow().ToOffset(offset).DateTime);
        if (!TryDate(to, today, out var toDate) || !TryDate(from, toDate.AddDays(-6), out var fromDate))
            return ApiError.BadRequest("from and to are dates written yyyy-MM-dd");
        if (fromDate > toDate) return ApiError.BadRequest("from is after to");
        if (toDate >= fromDate.AddYears(MaxYears)) return ApiError.BadRequest($"at most {MaxYears} years at once");
        if (flowVersion is { Length: 0 }) flowVersion = null;
        if (!StatisticsNodeFilter.TryRead(node, out node)) return ApiError.BadRequest(StatisticsNodeFilter.Refusal);

        var start = new DateTimeOffset(fromDate.ToDateTime(TimeOnly.MinValue), offset);
        var end = new DateTimeOffset(toDate.AddDays(1).ToDateTime(TimeOnly.MinValue), offset);
        var source = new StatisticsSource(database);
        bool IsMenu(string id) => set?.FindNode(id) is { Kind: NodeKind.Menu };
        var voiceMessages = await source.VoiceMessagesAsync(start, end, flowVersion, cancellation, node);
        var faxes = await source.FaxesAsync(start, end, cancellation);
        var rollups = new RollupReader(database);
        var figures = new RollupFigures(
            await rollups.DaysAsync(fromDate, toDate, flowVersion, cancellation, node),
            await rollups.HoursAsync(fromDate, toDate, flowVersion, cancellation, node),
            await rollups.PathsAsync(fromDate, toDate, flowVersion, cancellation, node),
            await rollups.SurveyScoresAsync(fromDate, toDate, flowVersion, cancellation, node),
            voiceMessages,
            faxes);
        var notRolledUp = await source.CallsAsync(start, end, flowVersion, cancellation, notRolledUp: true, node: node);
        var menus = await versionMenus.ForAsync(figures.Paths.Select(p => p.FlowVersion).Concat(notRolledUp.Select(c => c.FlowVersion)), IsMenu, cancellation);
        return Results.Ok(StatisticsNodeFilter.Mark(RollupStatisticsBuilder.Build(fromDate, toDate, flowVersion, figures, notRolledUp, menus,
            await rollups.FlowVersionsAsync(cancellation)), node));
    }

    /// <summary>Why statistics cannot be given in the offset asked for (the parameter) or the calendar's, or null.</summary>
    private static string? OtherOffset(string? asked, TimeSpan? calendar)
    {
        var zone = $"the statistics are kept in the local days of {RollupClock.ZoneName} (UTC+08:00, deploy/statistics.yaml)";
        if (!string.IsNullOrEmpty(asked))
        {
            var sign = asked[0] switch { '+' or ' ' => 1, '-' => -1, _ => 0 }; // a '+' not written %2B arrives as a space
            if (sign == 0 || !TimeSpan.TryParseExact(asked[1..], @"hh\:mm", CultureInfo.InvariantCulture, out var offset))
                return $"utcOffset is written +hh:mm, like +08:00 ({RollupClock.ZoneName}, the statistics zone), not '{asked}'";
            if ((sign < 0 ? -offset : offset) != RollupClock.UtcOffset) return $"{zone}; days of UTC{(sign < 0 ? '-' : '+')}{asked[1..]} cannot be given";
        }

        return calendar is { } c && c != RollupClock.UtcOffset
            ? $"{zone}, but the flow set's calendar names UTC{(c < TimeSpan.Zero ? "-" : "+")}{c:hh\\:mm}; statistics in its days cannot be given"
            : null;
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
