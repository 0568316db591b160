using System.Text.Json;
using System.Text.Json.Nodes;
using Ivr.Core.Calls;
using Ivr.Data.Operations;
using Ivr.Flows.Model;
using Ivr.OperationsConsole.Statistics;
using Ivr.OperationsConsole.Tests.Support;

namespace Ivr.OperationsConsole.Tests;

/// <summary>
/// The menu funnel counts each call with the menus of the flow version it ran, read from that version's files in the
/// history: a menu whose prompt and keys changed is one row per version's shape, a menu removed in the later version and
/// its renamed successor each hold only their own version's calls, and a version whose files are gone shows its menus
/// by id, marked. The oracle (<see cref="StatisticsBuilder"/> over the calls' events) agrees, figure by figure.
/// </summary>
public sealed class StatisticsFunnelByVersionTests : IAsyncLifetime
{
    private const string First = "funnelv00001";
    private const string Second = "funnelv00002";
    private const string Gone = "funnelv00003";

    private const string FirstFlow = """
        flow: main
        start: root
        nodes:
          root:
            kind: menu
            prompt: root_first
            options:
              "1": old_menu
              "2": bye
          old_menu:
            kind: menu
            prompt: old_prompt
            options:
              "1": bye
          bye: { kind: hangup, prompt: goodbye, disposition: completed }
        """;

    private const string SecondFlow = """
        flow: main
        start: root
        nodes:
          root:
            kind: menu
            prompt: root_second
            options:
              "3": new_menu
              "2": bye
          new_menu:
            kind: menu
            prompt: [new_prompt, new_prompt_more]
            options:
              "9": other.done
          old_menu: { kind: play, prompts: old_prompt, next: bye }
          bye: { kind: hangup, prompt: goodbye, disposition: completed }
        """;

    private ConsoleTestServer _server = null!;
    private int _calls;

    public async Task InitializeAsync()
    {
        _server = await ConsoleTestServer.StartAsync();
        await using (var connection = await _server.Database.OpenConnectionAsync(CancellationToken.None))
        {
            var versions = new FlowVersionRepository(connection);
            var at = _server.Time.GetUtcNow().AddDays(-3);
            await versions.RecordAsync(First, at, [new("main.yaml", FirstFlow), new("routes.yaml", "routes: { \"*\": main }")], CancellationToken.None);
            await versions.RecordAsync(Second, at.AddDays(1), [new("main.yaml", SecondFlow), new("prompts/catalog.yaml", "prompts: {}")], CancellationToken.None);
        }

        Call(First, "abandoned", "main.root", "main.old_menu");
        Call(First, "transferred", "main.root", "main.old_menu", "main.bye");
        Call(First, "completed", "main.root", "main.bye");
        Call(Second, "abandoned", "main.root", "main.new_menu");
        Call(Second, "transferred", "main.root", "main.old_menu", "main.bye");
        Call(Second, "completed", "main.root", "main.new_menu", "other.done");
        var servingMenu = _server.Flows.Current()!.AllNodes.First(n => n.Kind == NodeKind.Menu).Id;
        Call(Gone, "abandoned", servingMenu);
        Call(Gone, "abandoned", "main.root");
        Call(First, null, "main.root", "main.old_menu"); // still in progress: read live, not from the rollups
        _server.Recorder.Flush();
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task EachCall_CountsUnderItsOwnVersionsMenu()
    {
        var funnel = await FunnelAsync();

        var firstRoot = Row(funnel, "main.root", First);
        Assert.Equal(["root_first"], Strings(firstRoot["prompt"]));
        Assert.Equal(4, firstRoot["entered"]!.GetValue<int>());
        Assert.Equal("old_menu:3:1 bye:1:2", Choices(firstRoot));
        var secondRoot = Row(funnel, "main.root", Second);
        Assert.Equal(["root_second"], Strings(secondRoot["prompt"]));
        Assert.Equal(3, secondRoot["entered"]!.GetValue<int>());
        Assert.Equal("new_menu:2:3 old_menu:1:-", Choices(secondRoot));
        Assert.Equal(1, secondRoot["transferredFrom"]!.GetValue<int>()); // old_menu is no menu in the second version

        var oldMenu = Assert.Single(funnel, m => (string?)m!["menu"] == "main.old_menu")!;
        Assert.Equal([First], Strings(oldMenu["flowVersions"]));
        Assert.Equal((3, 1, 1), (oldMenu["entered"]!.GetValue<int>(), oldMenu["abandoned"]!.GetValue<int>(), oldMenu["transferredFrom"]!.GetValue<int>()));
        var newMenu = Assert.Single(funnel, m => (string?)m!["menu"] == "main.new_menu")!;
        Assert.Equal([Second], Strings(newMenu["flowVersions"]));
        Assert.Equal(["new_prompt", "new_prompt_more"], Strings(newMenu["prompt"]));
        Assert.Equal("9=other.done", string.Join(' ', newMenu["options"]!.AsArray().Select(o => $"{o!["key"]}={o["node"]}")));
        Assert.Equal((2, 1), (newMenu["entered"]!.GetValue<int>(), newMenu["abandoned"]!.GetValue<int>()));
        Assert.All(funnel.Where(m => Strings(m!["flowVersions"]).Contains(First) || Strings(m!["flowVersions"]).Contains(Second)),
            m => Assert.False(m!["filesMissing"]!.GetValue<bool>()));
    }

    [Fact]
    public async Task AVersionWhoseFilesAreGone_ShowsItsMenusById_Marked()
    {
        var funnel = await FunnelAsync();

        var gone = funnel.Where(m => Strings(m!["flowVersions"]).Contains(Gone)).ToList();
        var servingMenu = _server.Flows.Current()!.AllNodes.First(n => n.Kind == NodeKind.Menu).Id;
        var row = Assert.Single(gone)!;
        Assert.Equal(servingMenu, (string?)row["menu"]);
        Assert.True(row["filesMissing"]!.GetValue<bool>());
        Assert.Empty(row["prompt"]!.AsArray());
        Assert.Equal(1, row["abandoned"]!.GetValue<int>()); // main.root is no menu of the serving set: not guessed as one
    }

    [Fact]
    public async Task Report_EqualsTheInMemoryBuilder_WithEachVersionsMenus()
    {
        using var supervisor = await _server.SignedInAsync("supervisor");
        const string path = "api/stats?from=2026-11-01&to=2026-11-30";

        var fromRollups = JsonNode.Parse((await supervisor.GetJsonAsync(path)).GetRawText());

        var from = new DateOnly(2026, 11, 1);
        var to = new DateOnly(2026, 11, 30);
        var offset = StatisticsEndpoints.DefaultUtcOffset;
        var (start, end) = (new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), offset), new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), offset));
        var source = new StatisticsSource(_server.Database);
        var calls = await source.CallsAsync(start, end, null, CancellationToken.None);
        var set = _server.Flows.Current();
        var menus = await new VersionMenuCache(_server.Database).ForAsync(calls.Select(c => c.FlowVersion),
            node => set?.FindNode(node) is { Kind: NodeKind.Menu }, CancellationToken.None);
        var oracle = JsonSerializer.SerializeToNode(StatisticsBuilder.Build(from, to, null, offset, calls,
            await source.SurveyScoresAsync(start, end, null, CancellationToken.None),
            await source.VoiceMessagesAsync(start, end, null, CancellationToken.None),
            await source.FaxesAsync(start, end, CancellationToken.None),
            menus, await source.FlowVersionsAsync(CancellationToken.None)), JsonSerializerOptions.Web);
        Assert.True(JsonNode.DeepEquals(oracle, fromRollups), $"rollups: {fromRollups}\noracle:  {oracle}");
        Assert.Equal(5, fromRollups!["funnel"]!.AsArray().Count);
    }

    private void Call(string version, string? disposition, params string[] path)
    {
        var id = $"f{_calls++:D3}";
        var at = _server.Time.GetUtcNow().AddHours(-5).AddMinutes(_calls);
        _server.Live.CallStarted(new CallStart(id, $"1390000{_calls:D4}", "12333", version, "main", at));
        var seq = 0;
        foreach (var node in path) _server.Live.Append(new CallEvent(id, seq++, at = at.AddSeconds(3), CallEventKind.NodeEntered, version, node));
        if (disposition is null) return;
        _server.Live.Append(new CallEvent(id, seq, at.AddSeconds(1), CallEventKind.CallEnded, version, null, disposition));
        _server.Live.CallEnded(id, at.AddSeconds(1), disposition);
    }

    private async Task<List<JsonNode?>> FunnelAsync()
    {
        using var supervisor = await _server.SignedInAsync("supervisor");
        var report = JsonNode.Parse((await supervisor.GetJsonAsync("api/stats?from=2026-11-16&to=2026-11-23")).GetRawText());
        return [.. report!["funnel"]!.AsArray()];
    }

    private static JsonNode Row(List<JsonNode?> funnel, string menu, string version)
        => Assert.Single(funnel, m => (string?)m!["menu"] == menu && Strings(m["flowVersions"]).SequenceEqual([version]))!;

    private static string[] Strings(JsonNode? array) => array!.AsArray().Select(n => n!.GetValue<string>()).ToArray();

    /// <summary>Each choice as <c>node:calls:key</c> without the flow name (<c>-</c>: no key leads there).</summary>
    private static string Choices(JsonNode row)
        => string.Join(' ', row["choices"]!.AsArray().Select(c => $"{((string)c!["node"]!).Split('.')[1]}:{c["calls"]}:{(string?)c["key"] ?? "-"}"));
}
