using Dapper;
using Ivr.Data.Calls;
using Ivr.Data.Migrations;
using Ivr.Data.Operations;
using Ivr.Data.Rollups;

namespace Ivr.Data.Tests.Rollups;

/// <summary>
/// Migration 25 on a database of the old shape with path rollups in it: nothing is lost (every day's and month's sums are
/// the same before, after the migration, and after the catch-up has split the days by answering node); each node then has
/// the facts of its own calls, and what no call's kept path accounts for (events pruned before the path was kept) stays
/// under no node.
/// </summary>
public abstract class PathRollupsMigrationTests(TestDatabase file) : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 11, 24, 0, 0, 0, TimeSpan.Zero); // calls over a month end
    private static readonly string[] Menus = ["main.menu", "pension.menu", "card.menu", "agent.transfer"];
    private static readonly string[] Dispositions = ["completed", "abandoned", "transferred"];

    [SkippableFact]
    public async Task OldRows_KeepTheirSums_ThenSplitByNode()
    {
        var old = file.Open(MigrationCatalog.All.Where(m => m.Version < 25).ToList());
        var calls = Calls();
        await using (var connection = await old.OpenConnectionAsync(CancellationToken.None))
        {
            await connection.ExecuteAsync("""
                INSERT INTO calls (id, caller, caller_masked, dialled, flow, flow_version, started_at, ended_at, disposition, node, rolled_up, path)
                VALUES (@Id, '13900000000', '139****0000', '12333', 'main', 'v1', @StartedAt, @EndedAt, @Disposition, @Node, 1, @Path);
                """, calls.Select(c => new { Id = c.Call.CallId, StartedAt = DbTime.ToText(c.Call.StartedAt), EndedAt = DbTime.ToText(c.Call.EndedAt!.Value),
                c.Call.Disposition, c.Node, Path = c.PathKept ? CallPathText.Join(c.Call.Path) : "" }));
            var facts = calls.SelectMany(c => CallRollup.Paths(c.Call)).GroupBy(p => (p.Day, p.FlowVersion, p.Kind, p.Node, p.Next)).ToList();
            await connection.ExecuteAsync("INSERT INTO rollup_paths (day, flow_version, kind, node, next, calls) VALUES (@Day, @FlowVersion, @Kind, @Node, @Next, @Calls);",
                facts.Select(g => new { g.Key.Day, g.Key.FlowVersion, g.Key.Kind, g.Key.Node, g.Key.Next, Calls = g.Sum(p => p.Calls) }));
            await connection.ExecuteAsync("INSERT INTO rollup_path_months (month, flow_version, kind, node, next, calls) VALUES (@Month, @FlowVersion, @Kind, @Node, @Next, @Calls);",
                facts.GroupBy(g => (Month: g.Key.Day[..7], g.Key.FlowVersion, g.Key.Kind, g.Key.Node, g.Key.Next))
                    .Select(m => new { m.Key.Month, m.Key.FlowVersion, m.Key.Kind, m.Key.Node, m.Key.Next, Calls = m.Sum(g => g.Sum(p => p.Calls)) }));
        }
        var (days, months) = (Sums(old, "day", "rollup_paths"), Sums(old, "month", "rollup_path_months"));
        Assert.Equal(2, months.Select(m => m.Split('|')[0]).Distinct().Count());

        var database = file.Open();
        Assert.Equal(days, Sums(database, "day", "rollup_paths"));
        Assert.Equal(months, Sums(database, "month", "rollup_path_months"));
        Assert.Equal([""], Query(database, "SELECT DISTINCT answering_node FROM rollup_paths;"));

        var caughtUp = await RollupCatchUp.RunAsync(database, CancellationToken.None);

        Assert.Equal(days.Select(d => d.Split('|')[0]).Distinct().Count(), caughtUp.DaysSplitByNode);
        Assert.Equal(days, Sums(database, "day", "rollup_paths"));
        Assert.Equal(months, Sums(database, "month", "rollup_path_months"));
        Assert.Equal(Query(database, "SELECT month, flow_version, answering_node, kind, node, next, calls FROM rollup_path_months ORDER BY 1, 2, 3, 4, 5, 6;"),
            Query(database, """
                SELECT substr(day, 1, 7), flow_version, answering_node, kind, node, next, SUM(calls) FROM rollup_paths
                GROUP BY substr(day, 1, 7), flow_version, answering_node, kind, node, next ORDER BY 1, 2, 3, 4, 5, 6;
                """));
        Assert.Empty(Query(database, "SELECT day FROM rollup_paths WHERE calls <= 0 UNION ALL SELECT month FROM rollup_path_months WHERE calls <= 0;"));
        Assert.Empty(Query(database, "SELECT day FROM rollup_path_nodes_pending;"));
        var (from, to) = (new DateOnly(2026, 11, 1), new DateOnly(2026, 12, 31));
        var reader = new RollupReader(database);
        foreach (var node in new[] { "n1", "n2" })
            Assert.Equal(Facts(calls.Where(c => c.Node == node && c.PathKept).SelectMany(c => CallRollup.Paths(c.Call))),
                Facts(await reader.PathsAsync(from, to, null, CancellationToken.None, node)));
        Assert.Equal(Facts(calls.Where(c => c.Node is null || !c.PathKept).SelectMany(c => CallRollup.Paths(c.Call))),
            Facts(await reader.PathsAsync(from, to, null, CancellationToken.None, "")));
        Assert.Equal(0, (await RollupCatchUp.RunAsync(database, CancellationToken.None)).DaysSplitByNode);
    }

    public void Dispose() => file.Dispose();

    /// <summary>Ended calls over a month end on nodes n1, n2 and none; every seventh one's path was not kept (events pruned first).</summary>
    private static List<(CallFacts Call, string? Node, bool PathKept)> Calls()
    {
        var random = new Random(2025);
        string?[] nodes = ["n1", "n2", null];
        return Enumerable.Range(0, 150).Select(i =>
        {
            var at = Start.AddMinutes(random.Next(0, 14 * 24 * 60));
            var path = Enumerable.Range(0, random.Next(1, 5)).Select(_ => Menus[random.Next(Menus.Length)]).ToArray();
            return (new CallFacts($"m{i:D3}", "v1", at, at.AddSeconds(30), Dispositions[i % Dispositions.Length], false, path), nodes[i % 3], i % 7 != 0);
        }).ToList();
    }

    /// <summary>Each fact's sum over answering nodes per day (or month), as text rows.</summary>
    private static List<string> Sums(IvrDatabase database, string period, string table)
        => Query(database, $"SELECT {period}, flow_version, kind, node, next, SUM(calls) FROM {table} GROUP BY {period}, flow_version, kind, node, next ORDER BY 1, 2, 3, 4, 5;");

    private static List<string> Query(IvrDatabase database, string sql)
    {
        using var connection = database.OpenConnection();
        return connection.Query(sql).Select(row => string.Join('|', ((IDictionary<string, object?>)row).Values.Select(v => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture)))).ToList();
    }

    private static List<KeyValuePair<(string, string, string), long>> Facts(IEnumerable<PathCount> facts)
        => facts.GroupBy(p => (p.Kind, p.Node, p.Next)).Select(g => KeyValuePair.Create(g.Key, g.Sum(p => p.Calls))).OrderBy(f => f.Key).ToList();
}

public sealed class PathRollupsMigrationOnSqliteTests() : PathRollupsMigrationTests(new TempDatabase());

[Collection(PostgresCollection.Name)]
public sealed class PathRollupsMigrationOnPostgresTests(PostgresServer server) : PathRollupsMigrationTests(server.NewEmptyDatabase());
