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
/// <c>GET /api/stats?from=&amp;to=&amp;flowVersion=</c>: dates are the service's local dates, inclusive. In China
/// Standard Time (the rollups' calendar) the figures come from the rollups plus the calls not rolled up yet;
/// a flow set whose calendar names another offset gets them computed from the calls (<see cref="StatisticsBuilder"/>).
/// The funnel reads each call's menus from its own flow version's files (<see cref="VersionMenuCache"/>).
/// </summary>
internal static class StatisticsEndpoints
{
    /// <summary>China Standard Time, when the flow set has no calendar to say otherwise.</summary>
    public static readonly TimeSpan DefaultUtcOffset = RollupClock.UtcOffset;

    private const int MaxYears = 10;

    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/stats", GetAsync).RequireRoles(ConsoleRole.Supervisor, ConsoleRole.Editor);
    }

    private static async Task<IResult> GetAsync(string? from, string? to, string? flowVersion, IvrDatabase database, FlowSource flows, VersionMenuCache versionMenus, TimeProvider time, CancellationToken cancellation)
    {
        var set = flows.Current();
        var offset = set?.Calendar?.UtcOffset ?? DefaultUtcOffset;
        var today = DateOnly.FromDateTime(time.GetUtcNow().ToOffset(offset).DateTime);
        if (!TryDate(to, today, out var toDate) || !TryDate(from, toDate.AddDays(-6), out var fromDate))
            return ApiError.BadRequest("from and to are dates written yyyy-MM-dd");
        if (fromDate > toDate) return ApiError.BadRequest("from is after to");
        if (toDate >= fromDate.AddYears(MaxYears)) return ApiError.BadRequest($"at most {MaxYears} years at once");
        if (flowVersion is { Length: 0 }) flowVersion = null;

        var start = new DateTimeOffset(fromDate.ToDateTime(TimeOnly.MinValue), offset);
        var end = new DateTimeOffset(toDate.AddDays(1).ToDateTime(TimeOnly.MinValue), offset);
        var source = new StatisticsSource(database);
        bool IsMenu(string node) => set?.FindNode(node) is { Kind: NodeKind.Menu };
        var voiceMessages = await source.VoiceMessagesAsync(start, end, flowVersion, cancellation);
        var faxes = await source.FaxesAsync(start, end, cancellation);
        if (offset != RollupClock.UtcOffset)
        {
            var calls = await source.CallsAsync(start, end, flowVersion, cancellation);
            return Results.Ok(StatisticsBuilder.Build(fromDate, toDate, flowVersion, offset, calls,
                await source.SurveyScoresAsync(start, end, flowVersion, cancellation),
                voiceMessages, faxes, await versionMenus.ForAsync(calls.Select(c => c.FlowVersion), IsMenu, cancellation),
                await source.FlowVersionsAsync(cancellation)));
        }

        var rollups = new RollupReader(database);
        var figures = new RollupFigures(
            await rollups.DaysAsync(fromDate, toDate, flowVersion, cancellation),
            await rollups.HoursAsync(fromDate, toDate, flowVersion, cancellation),
            await rollups.PathsAsync(fromDate, toDate, flowVersion, cancellation),
            await rollups.SurveyScoresAsync(fromDate, toDate, flowVersion, cancellation),
            voiceMessages,
            faxes);
        var notRolledUp = await source.CallsAsync(start, end, flowVersion, cancellation, notRolledUp: true);
        var menus = await versionMenus.ForAsync(figures.Paths.Select(p => p.FlowVersion).Concat(notRolledUp.Select(c => c.FlowVersion)), IsMenu, cancellation);
        return Results.Ok(RollupStatisticsBuilder.Build(fromDate, toDate, flowVersion, figures, notRolledUp, menus,
            await rollups.FlowVersionsAsync(cancellation)));
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
