using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ivr.Core.Calls;
using Ivr.Data.Calls;
using Ivr.Data.Operations;
using Ivr.Data.Surveys;
using Ivr.Data.Tests;
using Ivr.Flows.Model;
using Ivr.OperationsConsole.Statistics;
using Ivr.OperationsConsole.Tests.Support;

namespace Ivr.OperationsConsole.Tests;

/// <summary>
/// Statistics per node (issue 12): with <c>node=</c> the call figures — totals, per day, per hour, dispositions, the menu
/// funnel and the last node before hang-up, survey answers, voice messages — are those the in-memory builder computes from
/// that node's calls alone (rolled up or not); the two nodes' figures add up to the unfiltered ones; the nodes seen are
/// listed for the page's choice. On SQLite and on PostgreSQL (the cluster's database, where each node's console reads every node's calls).
/// </summary>
public abstract class StatisticsPerNodeTests(PostgresServer? postgres = null) : IAsyncLifetime
{
    private static readonly string[] Nodes = ["node-a", "node-b"];
    private static readonly string[] Dispositions = ["completed", "abandoned", "transferred", "input_failed", "error"];
    private static readonly string[] CallFigures = ["totals", "byDay", "byHour", "dispositions", "funnel", "dropOff"];
    private ConsoleTestServer _server = null!;

    /// <summary>Why the tests are skipped (no PostgreSQL server), or null.</summary>
    private string? SkipReason => postgres?.SkipReason;

    public async Task InitializeAsync()
    {
        if (SkipReason is not null) return;
        _server = await ConsoleTestServer.StartAsync(postgres: postgres);
        var menus = _server.Flows.Current()!.AllNodes.Where(n => n.Kind == NodeKind.Menu).Select(n => n.Id).ToArray();
        var random = new Random(12);
        var now = _server.Time.GetUtcNow();
        var recorders = Nodes.Select(n => new SqliteCallRecorder(_server.Database, node: n)).ToArray();
        for (var i = 0; i < 240; i++)
        {
            var recorder = recorders[random.Next(3) == 0 ? 1 : 0]; // unequal shares, so a filter that ignores the node shows
            var id = $"n{i:D4}";
            var at = now.AddMinutes(-random.Next(0, 20 * 24 * 60));
            recorder.CallStarted(new CallStart(id, $"1380000{i:D4}", "12333", "nodev0000001", "main", at));
            for (var s = 0; s < random.Next(1, 5); s++)
            {
                at = at.AddSeconds(random.Next(1, 30));
                recorder.Append(new CallEvent(id, s, at, CallEventKind.NodeEntered, "nodev0000001", menus[random.Next(menus.Length)]));
            }
            if (i % 30 == 0) continue; // still in progress: read live, not from the rollups
            recorder.CallEnded(id, at.AddSeconds(1), Dispositions[random.Next(Dispositions.Length)]);
        }
        foreach (var recorder in recorders) await recorder.DisposeAsync();

        await using var connection = await _server.Database.OpenConnectionAsync(CancellationToken.None);
        var surveys = new SurveyRepository(connection);
        for (var i = 0; i < 60; i++) await surveys.InsertAsync($"n{i * 4:D4}", 1 + i % 3, now.AddHours(-i * 5), CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        if (_server is not null) await _server.DisposeAsync();
    }

    [SkippableTheory]
    [InlineData("node-a")]
    [InlineData("node-b")]
    public async Task OneNode_CallFiguresEqualTheBuilderOnThatNodesCalls(string node)
    {
        Skip.If(SkipReason is not null, SkipReason);
        using var supervisor = await _server.SignedInAsync("supervisor");

        var report = JsonNode.Parse((await supervisor.GetJsonAsync($"api/stats?from=2026-10-01&to=2026-11-30&node={node}")).GetRawText())!;

        var expected = await OracleAsync(DateOnly.Parse("2026-10-01"), DateOnly.Parse("2026-11-30"), node);
        foreach (var figure in CallFigures)
            Assert.True(JsonNode.DeepEquals(expected[figure], report[figure]), $"{figure}: {report[figure]}\noracle: {expected[figure]}");
        Assert.True(report["totals"]!["calls"]!.GetValue<int>() > 0);
        Assert.True(report["funnel"]!.AsArray().Count > 1 && report["dropOff"]!.AsArray().Count > 1);
        Assert.Equal(node, report["node"]!.GetValue<string>());
        Assert.Null(report["funnelAllNodes"]);
    }

    [SkippableFact]
    public async Task BothNodes_AddUpToEveryNode()
    {
        Skip.If(SkipReason is not null, SkipReason);
        using var supervisor = await _server.SignedInAsync("supervisor");
        const string range = "api/stats?from=2026-10-01&to=2026-11-30";

        var all = (await supervisor.GetJsonAsync(range)).GetProperty("totals");
        var a = (await supervisor.GetJsonAsync($"{range}&node=node-a")).GetProperty("totals");
        var b = (await supervisor.GetJsonAsync($"{range}&node=node-b")).GetProperty("totals");

        foreach (var figure in new[] { "calls", "ended", "contained", "transferred", "hungUpInIvr" })
            Assert.Equal(all.GetProperty(figure).GetInt32(), a.GetProperty(figure).GetInt32() + b.GetProperty(figure).GetInt32());
        Assert.Equal(all.GetProperty("survey").GetProperty("responses").GetInt32(),
            a.GetProperty("survey").GetProperty("responses").GetInt32() + b.GetProperty("survey").GetProperty("responses").GetInt32());
        Assert.NotEqual(a.GetProperty("calls").GetInt32(), b.GetProperty("calls").GetInt32());
    }

    [SkippableFact]
    public async Task BothNodes_FunnelsAndDropOffsAddUpToEveryNode()
    {
        Skip.If(SkipReason is not null, SkipReason);
        using var supervisor = await _server.SignedInAsync("supervisor");
        const string range = "api/stats?from=2026-10-01&to=2026-11-30";

        var counts = new List<Dictionary<string, int>>();
        foreach (var report in new[] { range, $"{range}&node=node-a", $"{range}&node=node-b" }) counts.Add(Counts(await supervisor.GetJsonAsync(report)));

        var added = counts[1].Keys.Union(counts[2].Keys).ToDictionary(k => k, k => counts[1].GetValueOrDefault(k) + counts[2].GetValueOrDefault(k));
        Assert.Equal(counts[0].OrderBy(c => c.Key, StringComparer.Ordinal), added.OrderBy(c => c.Key, StringComparer.Ordinal));
        Assert.True(counts[0].Count > 10);
        Assert.NotEqual(counts[1].OrderBy(c => c.Key, StringComparer.Ordinal), counts[2].OrderBy(c => c.Key, StringComparer.Ordinal));
    }

    /// <summary>Every count of the funnel (entered, abandoned, transferred from, each choice) and of the drop-offs, by name.</summary>
    private static Dictionary<string, int> Counts(JsonElement report)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var menu in report.GetProperty("funnel").EnumerateArray())
        {
            var id = menu.GetProperty("menu").GetString();
            foreach (var figure in new[] { "entered", "abandoned", "transferredFrom" }) counts[$"{id} {figure}"] = menu.GetProperty(figure).GetInt32();
            foreach (var choice in menu.GetProperty("choices").EnumerateArray()) counts[$"{id} → {choice.GetProperty("node").GetString()}"] = choice.GetProperty("calls").GetInt32();
        }
        foreach (var drop in report.GetProperty("dropOff").EnumerateArray()) counts[$"hung up in {drop.GetProperty("node").GetString()}"] = drop.GetProperty("abandoned").GetInt32();
        return counts;
    }

    [SkippableFact]
    public async Task Nodes_ListsEveryNodeSeen_AndAnUnknownNodeHasNoCalls()
    {
        Skip.If(SkipReason is not null, SkipReason);
        using var supervisor = await _server.SignedInAsync("supervisor");

        var nodes = (await supervisor.GetJsonAsync("api/stats/nodes")).GetProperty("nodes").EnumerateArray().Select(n => n.GetString()).ToList();
        var none = await supervisor.GetJsonAsync("api/stats?from=2026-10-01&to=2026-11-30&node=node-z");

        Assert.Equal(Nodes, nodes);
        Assert.Equal(0, none.GetProperty("totals").GetProperty("calls").GetInt32());
        Assert.Equal(HttpStatusCode.BadRequest, (await supervisor.GetAsync("api/stats?node=a%0Ab")).StatusCode);
        using var agent = await _server.SignedInAsync("agent");
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.GetAsync("api/stats/nodes")).StatusCode);
    }

    private async Task<JsonNode> OracleAsync(DateOnly from, DateOnly to, string node)
    {
        var offset = StatisticsEndpoints.DefaultUtcOffset;
        var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), offset);
        var end = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), offset);
        var source = new StatisticsSource(_server.Database);
        var calls = await source.CallsAsync(start, end, null, CancellationToken.None, node: node);
        var report = StatisticsBuilder.Build(from, to, null, offset, calls,
            await source.SurveyScoresAsync(start, end, null, CancellationToken.None, node),
            await source.VoiceMessagesAsync(start, end, null, CancellationToken.None, node),
            await source.FaxesAsync(start, end, CancellationToken.None),
            await new VersionMenuCache(_server.Database).ForAsync(calls.Select(c => c.FlowVersion), _ => true, CancellationToken.None),
            await source.FlowVersionsAsync(CancellationToken.None));
        return JsonSerializer.SerializeToNode(report, JsonSerializerOptions.Web)!;
    }
}

public sealed class StatisticsPerNodeOnSqliteTests() : StatisticsPerNodeTests();

[Collection(PostgresCollection.Name)]
public sealed class StatisticsPerNodeOnPostgresTests(PostgresServer server) : StatisticsPerNodeTests(server);
