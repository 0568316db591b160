using System.Net;
using Ivr.OperationsConsole.Tests.Support;

namespace Ivr.OperationsConsole.Tests;

/// <summary>
/// Statistics are kept in the local days of the deployment's statistics zone (China Standard Time, UTC+08:00): asked
/// for in another offset — the utcOffset parameter, or a flow set whose calendar names another — the answer is a 400
/// that says why, never a slow computation over every call.
/// </summary>
public sealed class StatisticsZoneTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "ivr-console-stats-zone", Guid.NewGuid().ToString("N"));

    [Theory]
    [InlineData("%2B09:00", "days of UTC+09:00 cannot be given")]
    [InlineData("-05:00", "days of UTC-05:00 cannot be given")]
    [InlineData("8", "utcOffset is written +hh:mm, like +08:00 (Asia/Shanghai, the statistics zone), not '8'")]
    public async Task AnotherOffsetAsked_Is400_SayingWhichDaysTheStatisticsKeep(string offset, string message)
    {
        await using var server = await ConsoleTestServer.StartAsync();
        using var supervisor = await server.SignedInAsync("supervisor");

        var response = await supervisor.GetAsync($"api/stats?from=2026-11-01&to=2026-11-23&utcOffset={offset}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains(message, body);
        Assert.Contains("Asia/Shanghai", body);
        Assert.Equal(HttpStatusCode.OK, (await supervisor.GetAsync("api/stats?from=2026-11-01&to=2026-11-23&utcOffset=%2B08:00")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await supervisor.GetAsync("api/stats?from=2026-11-01&to=2026-11-23&utcOffset=+08:00")).StatusCode);
    }

    [Fact]
    public async Task AFlowSetWhoseCalendarNamesAnotherOffset_Is400()
    {
        RepositoryPaths.CopyFlowSet(_root);
        var calendar = Path.Combine(_root, "flows", "calendar.yaml");
        var text = File.ReadAllText(calendar);
        Assert.Contains("utc_offset: \"+08:00\"", text);
        File.WriteAllText(calendar, text.Replace("utc_offset: \"+08:00\"", "utc_offset: \"+09:00\"", StringComparison.Ordinal));
        await using var server = await ConsoleTestServer.StartAsync(Path.Combine(_root, "flows"));
        using var supervisor = await server.SignedInAsync("supervisor");

        var response = await supervisor.GetAsync("api/stats?from=2026-11-01&to=2026-11-23");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("the flow set's calendar names UTC+09:00", await response.Content.ReadAsStringAsync());
    }

    public void Dispose()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }
}
