using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dapper;
using Ivr.Core.Calls;
using Ivr.Data.Operations;
using Ivr.Data.Surveys;
using Ivr.Flows.Model;
using Ivr.OperationsConsole.Statistics;
using Ivr.OperationsConsole.Tests.Support;

namespace Ivr.OperationsConsole.Tests;

/// <summary>
/// The statistics the console answers from rollups equal, figure by figure, what the in-memory builder computes
/// from every call's events (the oracle) on the same seeded database — calls rolled up as they ended, calls still
/// in progress, calls closed outside the recorder — and stay the same once the detailed events are pruned.
/// </summary>
public sealed class StatisticsFromRollupsTests : IAsyncLifetime
{
    private static readonly string[] Dispositions = ["completed", "abandoned", "abandoned", "transferred", "input_failed", "error", "completed"];
    private static readonly string[] Versions = ["rollupv00001", "rollupv00002"];
    private ConsoleTestServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await ConsoleTestServer.StartAsync();
        var set = _server.Flows.Current()!;
        var menus = set.AllNodes.Where(n => n.Kind == NodeKind.Menu).Select(n => n.Id).ToArray();
        var others = set.AllNodes.Where(n => n.Kind != NodeKind.Menu).Select(n => n.Id).Take(12).ToArray();
        var random = new Random(17);
        var now = _server.Time.GetUtcNow();
        for (var i = 0; i < 600; i++)
        {
            var id = $"r{i:D4}";
            var at = now.AddMinutes(-random.Next(0, 70 * 24 * 60));
            var version = Versions[random.Next(Versions.Length)];
            _server.Live.CallStarted(new CallStart(id, $"1390000{i:D4}", "12333", version, "main", at));
            var seq = 0;
            var steps = random.Next(0, 9);
            for (var s = 0; s < steps; s++)
            {
                at = at.AddSeconds(random.Next(1, 30));
                var node = random.Next(3) == 0 ? others[random.Next(others.Length)] : menus[random.Next(menus.Length)];
                _server.Live.Append(new CallEvent(id, seq++, at, CallEventKind.NodeEntered, version, node));
                if (random.Next(6) == 0) _server.Live.Append(new CallEvent(id, seq++, at, CallEventKind.LookupCompleted, version, node, "ok"));
            }
            if (i % 50 == 0) continue; // still in progress
            var disposition = Dispositions[random.Next(Dispositions.Length)];
            _server.Live.Append(new CallEvent(id, seq, at.AddSeconds(1), CallEventKind.CallEnded, version, null, disposition));
            if (i % 37 != 0) _server.Live.CallEnded(id, at.AddSeconds(1), disposition);
        }
        _server.Recorder.Flush();

        await using var connection = await _server.Database.OpenConnectionAsync(CancellationToken.None);
        // Closed outside the recorder, as a lost node's calls are: not rolled up until the catch-up runs.
        await connection.ExecuteAsync("UPDATE calls SET ended_at = started_at, disposition = 'node_lost' WHERE id IN ('r0037', 'r0074');");
        var surveys = new SurveyRepository(connection);
        for (var i = 0; i < 120; i++) await surveys.InsertAsync($"r{i * 5:D4}", 1 + i % 3, now.AddHours(-i * 11), CancellationToken.None);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Theory]
    [InlineData("2026-11-23", "2026-11-23", null)]
    [InlineData("2026-11-01", "2026-11-30", null)]
    [InlineData("2026-09-01", "2026-11-23", null)]
    [InlineData("2026-01-01", "2026-12-31", "rollupv00002")]
    [InlineData("2026-09-15", "2026-11-10", null)]
    public async Task Report_EqualsTheInMemoryBuilder_OnTheSameCalls(string from, string to, string? version)
    {
        using var supervisor = await _server.SignedInAsync("supervisor");
        var path = $"api/stats?from={from}&to={to}" + (version is null ? "" : $"&flowVersion={version}");

        var fromRollups = JsonNode.Parse((await supervisor.GetJsonAsync(path)).GetRawText());

        var expected = await OracleAsync(DateOnly.Parse(from), DateOnly.Parse(to), version);
        Assert.True(JsonNode.DeepEquals(expected, fromRollups), $"rollups: {fromRollups}\noracle:  {expected}");
        Assert.True(fromRollups!["totals"]!["calls"]!.GetValue<int>() > 0 || from == "2026-11-23");
    }

    [Theory]
    [InlineData("2026-09-15", "2026-11-10", null)]
    [InlineData("2025-12-01", "2026-11-30", "rollupv00001")]
    public async Task Report_EqualsTheInMemoryBuilder_OnceTheCatchUpHasRolledUpLateCallsAndSurveyAnswers(string from, string to, string? version)
    {
        using var supervisor = await _server.SignedInAsync("supervisor");
        var counts = await Ivr.Data.Rollups.RollupCatchUp.RunAsync(_server.Database, CancellationToken.None);
        Assert.True(counts.Surveys > 0, "answers written after their call ended are rolled up by the catch-up");
        var path = $"api/stats?from={from}&to={to}" + (version is null ? "" : $"&flowVersion={version}");

        var fromRollups = JsonNode.Parse((await supervisor.GetJsonAsync(path)).GetRawText());

        var expected = await OracleAsync(DateOnly.Parse(from), DateOnly.Parse(to), version);
        Assert.True(JsonNode.DeepEquals(expected, fromRollups), $"rollups: {fromRollups}\noracle:  {expected}");
        Assert.True(fromRollups!["totals"]!["survey"]!["responses"]!.GetValue<int>() > 0);
    }

    [Fact]
    public async Task Report_StaysTheSame_WhenTheEventsOfRolledUpCallsArePruned()
    {
        using var supervisor = await _server.SignedInAsync("supervisor");
        const string path = "api/stats?from=2026-09-01&to=2026-11-23";
        var before = JsonNode.Parse((await supervisor.GetJsonAsync(path)).GetRawText());
        Assert.True(before!["funnel"]!.AsArray().Count > 0);

        await Ivr.Data.Rollups.RollupCatchUp.RunAsync(_server.Database, CancellationToken.None);
        await using (var connection = await _server.Database.OpenConnectionAsync(CancellationToken.None))
            await connection.ExecuteAsync("DELETE FROM call_events WHERE call_id IN (SELECT id FROM calls WHERE rolled_up = 1);");

        var after = JsonNode.Parse((await supervisor.GetJsonAsync(path)).GetRawText());
        Assert.True(JsonNode.DeepEquals(before, after), $"before: {before}\nafter:  {after}");
    }

    [Theory]
    [InlineData("2026-11-23", "2026-11-01", "from is after to")]
    [InlineData("2016-11-23", "2026-11-23", "at most 10 years at once")]
    public async Task ReversedOrOverTenYears_Is400WithAMessage(string from, string to, string message)
    {
        using var supervisor = await _server.SignedInAsync("supervisor");

        var response = await supervisor.GetAsync($"api/stats?from={from}&to={to}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await supervisor.GetAsync("api/stats?from=2016-11-24&to=2026-11-23")).StatusCode);
    }

    private async Task<JsonNode?> OracleAsync(DateOnly from, DateOnly to, string? version)
    {
        var offset = StatisticsEndpoints.DefaultUtcOffset;
        var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), offset);
        var end = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), offset);
        var source = new StatisticsSource(_server.Database);
        var set = _server.Flows.Current();
        var calls = await source.CallsAsync(start, end, version, CancellationToken.None);
        var report = StatisticsBuilder.Build(from, to, version, offset, calls,
            await source.SurveyScoresAsync(start, end, version, CancellationToken.None),
            await source.VoiceMessagesAsync(start, end, version, CancellationToken.None),
            await source.FaxesAsync(start, end, CancellationToken.None),
            await new VersionMenuCache(_server.Database).ForAsync(calls.Select(c => c.FlowVersion),
                node => set?.FindNode(node) is { Kind: NodeKind.Menu }, CancellationToken.None),
            await source.FlowVersionsAsync(CancellationToken.None));
        return JsonSerializer.SerializeToNode(report, JsonSerializerOptions.Web);
    }
}
