using Ivr.Core.Calls;
using Ivr.Data.Surveys;
using Ivr.OperationsConsole.Tests.Support;

namespace Ivr.OperationsConsole.Tests;

public sealed class StatisticsTests : IAsyncLifetime
{
    private ConsoleTestServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await ConsoleTestServer.StartAsync();
        var seeder = new CallSeeder(_server);
        var today = _server.Time.GetUtcNow(); // 10:00 Beijing time
        var lookup = (CallEventKind.LookupCompleted, "pension.fetch", "ok", "pension.summary");
        seeder.Call("served", "13000000001", today.AddHours(-1), "completed", CallSeeder.Entered("main.main_menu"), CallSeeder.Entered("pension.identify"), lookup, CallSeeder.Entered("main.anything_else"));
        seeder.Call("served-then-hung-up", "13000000002", today.AddHours(-1), "abandoned", CallSeeder.Entered("main.main_menu"), CallSeeder.Entered("pension.identify"), lookup, CallSeeder.Entered("main.anything_else"));
        seeder.Call("to-agent", "13000000003", today.AddHours(-2), "transferred", CallSeeder.Entered("main.main_menu"), CallSeeder.Entered("agent.transfer"));
        seeder.Call("gave-up-in-menu", "13000000004", today.AddDays(-1), "abandoned", CallSeeder.Entered("main.main_menu"));
        seeder.Call("gave-up-in-menu-2", "13000000005", today.AddDays(-1), "abandoned", CallSeeder.Entered("main.main_menu"));
        seeder.Call("failed-input", "13000000006", today.AddDays(-1), "input_failed", CallSeeder.Entered("main.main_menu"), CallSeeder.Entered("main.give_up"));
        seeder.Call("last-month", "13000000007", today.AddDays(-40), "completed", CallSeeder.Entered("main.main_menu"));
        seeder.Flush();
        await using var connection = await _server.Database.OpenConnectionAsync(CancellationToken.None);
        var surveys = new SurveyRepository(connection);
        await surveys.InsertAsync("served", 1, today.AddMinutes(-50), CancellationToken.None);
        await surveys.InsertAsync("served-then-hung-up", 3, today.AddMinutes(-50), CancellationToken.None);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Totals_CountEachKindOfEnding_FromTheRecordedEvents()
    {
        using var supervisor = await _server.SignedInAsync("supervisor");

        var stats = await supervisor.GetJsonAsync("api/stats?from=2026-11-20&to=2026-11-23");
        var totals = stats.GetProperty("totals");

        Assert.Equal(6, totals.GetProperty("calls").GetInt32());
        Assert.Equal(2, totals.GetProperty("contained").GetInt32()); // both served calls; the hang-up after the service counts
        Assert.Equal(0.333, totals.GetProperty("containmentRate").GetDouble());
        Assert.Equal(1, totals.GetProperty("transferred").GetInt32());
        Assert.Equal(3, totals.GetProperty("hungUpInIvr").GetInt32());
        Assert.Equal(1, totals.GetProperty("inputFailed").GetInt32());
        Assert.Equal(2, totals.GetProperty("survey").GetProperty("responses").GetInt32());
        Assert.Equal(2.0, totals.GetProperty("survey").GetProperty("average").GetDouble());
        var byDay = stats.GetProperty("byDay").EnumerateArray().ToDictionary(d => d.GetProperty("day").GetString()!, d => d.GetProperty("calls").GetInt32());
        Assert.Equal(new Dictionary<string, int> { ["2026-11-20"] = 0, ["2026-11-21"] = 0, ["2026-11-22"] = 3, ["2026-11-23"] = 3 }, byDay);
        Assert.Equal(2, stats.GetProperty("byHour")[9].GetProperty("calls").GetInt32()); // 09:xx Beijing time
    }

    [Fact]
    public async Task Funnel_ShowsWhereCallersGiveUp_PerMenu()
    {
        using var editor = await _server.SignedInAsync("editor");

        var stats = await editor.GetJsonAsync("api/stats?from=2026-11-20&to=2026-11-23");

        var menus = stats.GetProperty("funnel").EnumerateArray().ToDictionary(m => m.GetProperty("menu").GetString()!);
        var main = menus["main.main_menu"];
        Assert.Equal(6, main.GetProperty("entered").GetInt32());
        Assert.Equal(2, main.GetProperty("abandoned").GetInt32());
        Assert.Equal(1, main.GetProperty("transferredFrom").GetInt32());
        var choices = main.GetProperty("choices").EnumerateArray().ToDictionary(c => c.GetProperty("node").GetString()!, c => c.GetProperty("calls").GetInt32());
        Assert.Equal(new Dictionary<string, int> { ["pension.identify"] = 2, ["agent.transfer"] = 1, ["main.give_up"] = 1 }, choices);
        Assert.Equal(1, menus["main.anything_else"].GetProperty("abandoned").GetInt32());
        var dropOff = stats.GetProperty("dropOff").EnumerateArray().ToList();
        Assert.Equal("main.main_menu", dropOff[0].GetProperty("node").GetString());
        Assert.Equal(2, dropOff[0].GetProperty("abandoned").GetInt32());
    }

    [Fact]
    public async Task Filters_ByFlowVersionAndDate_AndRejectBadDates()
    {
        using var supervisor = await _server.SignedInAsync("supervisor");

        var other = await supervisor.GetJsonAsync("api/stats?from=2026-11-20&to=2026-11-23&flowVersion=another");
        var oneDay = await supervisor.GetJsonAsync("api/stats?from=2026-11-23&to=2026-11-23");
        var bad = await supervisor.GetAsync("api/stats?from=23.11.2026");

        Assert.Equal(0, other.GetProperty("totals").GetProperty("calls").GetInt32());
        Assert.Equal(3, oneDay.GetProperty("totals").GetProperty("calls").GetInt32());
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains(CallSeeder.Version, oneDay.GetProperty("flowVersions").EnumerateArray().Select(v => v.GetString()));
    }
}
