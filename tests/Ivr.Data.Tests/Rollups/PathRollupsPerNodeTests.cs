using Ivr.Data.Calls;
using Ivr.Data.Operations;
using Ivr.Data.Rollups;

namespace Ivr.Data.Tests.Rollups;

/// <summary>
/// The menu funnel's path facts per answering node (migration 25): for any range — mid-month edges, a mostly covered month
/// read as its sum minus days, the month so far, a month without calls, across a year end — each node's facts are those of
/// its own ended calls (<see cref="CallRollup.Paths"/>, the in-memory arithmetic), and the nodes' facts add up to all.
/// </summary>
public abstract class PathRollupsPerNodeTests : IDisposable
{
    private static readonly string?[] Nodes = ["n1", "n2", null];
    private static readonly string[] Dispositions = ["completed", "abandoned", "transferred", "input_failed"];
    private static readonly string[] Menus = ["main.menu", "pension.menu", "card.menu", "agent.transfer", "pension.fetch"];
    private static readonly DateTimeOffset Start = new(2026, 10, 20, 0, 0, 0, TimeSpan.Zero);
    private readonly TestDatabase _file;
    private readonly IvrDatabase _database;
    private readonly List<(CallFacts Call, string? Node)> _calls = [];

    protected PathRollupsPerNodeTests(TestDatabase file)
    {
        _file = file;
        _database = file.Open();
    }

    [SkippableTheory]
    [InlineData("2026-11-04", "2026-12-03")] // 30 days: November mostly (its sum minus three days), December's start
    [InlineData("2026-11-02", "2026-11-29")] // starting and ending mid-month
    [InlineData("2026-11-01", "2026-11-30")] // a whole month
    [InlineData("2026-12-20", "2027-01-10")] // across a year end, little of each month
    [InlineData("2026-12-05", "2027-01-25")] // across a year end, most of each month
    [InlineData("2027-01-02", "2027-01-31")] // the month so far: calls end on the 20th
    [InlineData("2026-08-01", "2026-08-31")] // a month without calls
    [InlineData("2026-01-01", "2027-12-31")] // two years
    [InlineData("2026-11-15", "2026-11-15")] // one day
    public async Task EachNode_HasTheFactsOfItsOwnCalls_AndTheNodesAddUpToAll(string fromText, string toText)
    {
        await RecordAsync();
        var (from, to) = (DateOnly.Parse(fromText, System.Globalization.CultureInfo.InvariantCulture), DateOnly.Parse(toText, System.Globalization.CultureInfo.InvariantCulture));
        var reader = new RollupReader(_database);

        var all = Facts(await reader.PathsAsync(from, to, null, CancellationToken.None));
        var perNode = new Dictionary<(string, string, string, string), long>();
        foreach (var node in new[] { "n1", "n2", "" })
        {
            var facts = Facts(await reader.PathsAsync(from, to, null, CancellationToken.None, node));
            Assert.Equal(Oracle(from, to, node), facts);
            foreach (var (key, calls) in facts) perNode[key] = perNode.GetValueOrDefault(key) + calls;
        }

        Assert.Equal(Oracle(from, to, null), all);
        Assert.Equal(all, perNode.OrderBy(f => f.Key).ToList());
        Assert.Empty(Facts(await reader.PathsAsync(from, to, null, CancellationToken.None, "n9")));
        if (fromText == "2026-11-04") Assert.True(all.Count > 20 && Facts(await reader.PathsAsync(from, to, null, CancellationToken.None, "n1")).Count < all.Count);
    }

    public void Dispose() => _file.Dispose();

    private async Task RecordAsync()
    {
        var random = new Random(25);
        var recorders = Nodes.ToDictionary(n => n ?? "", n => new SqliteCallRecorder(_database, node: n));
        for (var i = 0; i < 400; i++)
        {
            var node = Nodes[random.Next(5) switch { 0 => 2, 1 or 2 => 1, _ => 0 }];
            var at = Start.AddMinutes(random.Next(0, 92 * 24 * 60)); // 20 October to 20 January (UTC), so across the year end in Beijing
            var path = Enumerable.Range(0, random.Next(0, 5)).Select(_ => Menus[random.Next(Menus.Length)]).ToArray();
            var disposition = i % 25 == 0 ? null : Dispositions[random.Next(Dispositions.Length)];
            RecordedCall.Record(recorders[node ?? ""], $"c{i:D3}", at, disposition, path);
            if (disposition is not null) _calls.Add((new CallFacts($"c{i:D3}", "v1", at, at.AddSeconds(30), disposition, false, path), node));
        }
        foreach (var recorder in recorders.Values) await recorder.DisposeAsync();
    }

    /// <summary>The facts of the ended calls started on local days [from, to], of one answering node ("" for none) or all (null).</summary>
    private List<KeyValuePair<(string, string, string, string), long>> Oracle(DateOnly from, DateOnly to, string? node)
        => Facts(_calls.Where(c => node is null || (c.Node ?? "") == node)
            .Where(c => RollupClock.Start(from) <= c.Call.StartedAt && c.Call.StartedAt < RollupClock.Start(to.AddDays(1)))
            .SelectMany(c => CallRollup.Paths(c.Call)));

    private static List<KeyValuePair<(string, string, string, string), long>> Facts(IEnumerable<PathCount> facts)
        => facts.GroupBy(p => (p.FlowVersion, p.Kind, p.Node, p.Next)).Select(g => KeyValuePair.Create(g.Key, g.Sum(p => p.Calls)))
            .Where(f => f.Value != 0).OrderBy(f => f.Key).ToList();
}

public sealed class PathRollupsPerNodeOnSqliteTests() : PathRollupsPerNodeTests(new TempDatabase());

[Collection(PostgresCollection.Name)]
public sealed class PathRollupsPerNodeOnPostgresTests(PostgresServer server) : PathRollupsPerNodeTests(server.NewDatabase());
