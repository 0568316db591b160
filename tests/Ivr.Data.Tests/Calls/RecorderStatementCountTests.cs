using Dapper;
using Ivr.Core.Calls;
using Ivr.Data.Calls;
using Npgsql;

namespace Ivr.Data.Tests.Calls;

/// <summary>
/// On PostgreSQL a recorder batch runs as many statements for forty calls as for one (issue 12): the starts are one insert,
/// the events one, the ends one update, and the ended calls' rollups one upsert per rollup table and one update marking them
/// rolled up — counted by the test server itself (<c>pg_stat_statements</c>). Before, every start, end, rolled-up mark and
/// rollup row was a statement of its own: a node that ended fewer calls per batch (three nodes sharing the load) ran
/// twice as many statements per call. The rollups written are checked too: every call counted once, on its hour and path.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class RecorderStatementCountTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 3, 8, 0, 0, TimeSpan.FromHours(8));
    private static readonly string[] Menus = ["main.menu", "pension.menu", "card.menu", "agent.transfer", "pension.fetch"];
    private static readonly string[] Dispositions = ["completed", "abandoned", "transferred", "input_failed"];
    private readonly PostgresServer _server;
    private readonly PostgresDatabase _file;
    private readonly IvrDatabase _database;
    private readonly NpgsqlConnection _counter;

    public RecorderStatementCountTests(PostgresServer server)
    {
        _server = server;
        _file = server.NewDatabase();
        _database = _file.Open();
        _counter = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server.AdminConnectionString) { Database = _file.Name }.ConnectionString);
        _counter.Open(); // open before counting: a connection's first queries (its types) run in this database too
        _counter.Execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements;");
    }

    [SkippableFact]
    public void Batch_OfFortyCalls_RunsNoMoreStatementsThanABatchOfOne()
    {
        Skip.IfNot(_server.CountsStatements, "pg_stat_statements is not installed");
        var one = Calls("a", 1);
        var forty = Calls("b", 40);
        using var connection = new RecorderConnection(_database);

        var (starts1, ends1, starts40, ends40) = (Starts(one), Ends(one), Starts(forty), Ends(forty));

        var startsOfOne = Statements(() => Write(connection, starts1));
        var endsOfOne = Statements(() => Write(connection, ends1));
        var startsOfForty = Statements(() => Write(connection, starts40));
        var endsOfForty = Statements(() => Write(connection, ends40));

        Assert.True(startsOfOne >= 3, $"{startsOfOne} statements counted for a batch of one call's start and events: not counting?");
        Assert.True(endsOfOne >= 8, $"{endsOfOne} statements counted for a batch of one call's end and rollups: not counting?");
        Assert.True(startsOfForty <= startsOfOne, $"starts and events: {startsOfForty} statements for 40 calls, {startsOfOne} for one");
        Assert.True(endsOfForty <= endsOfOne, $"ends and rollups: {endsOfForty} statements for 40 calls, {endsOfOne} for one");

        var all = one.Concat(forty).ToList();
        Assert.Equal(all.Count, _counter.ExecuteScalar<long>("SELECT count(*) FROM calls WHERE rolled_up = 1 AND ended_at IS NOT NULL;"));
        Assert.Equal(all.Count, _counter.ExecuteScalar<long>("SELECT sum(calls)::bigint FROM rollup_calls;"));
        Assert.Equal(all.Sum(c => c.Path.Length), _counter.ExecuteScalar<long>("SELECT count(*) FROM call_events;"));
        Assert.Equal(all.Count(c => c.Survey), _counter.ExecuteScalar<long>("SELECT sum(answers)::bigint FROM rollup_surveys;"));
        Assert.Equal(0, _counter.ExecuteScalar<long>("SELECT count(*) FROM surveys WHERE rolled_up = 0;"));
        foreach (var hour in all.GroupBy(c => c.At.Hour))
            Assert.Equal(hour.Count(), _counter.ExecuteScalar<long>("SELECT sum(calls)::bigint FROM rollup_calls WHERE hour = @hour;", new { hour = (long)hour.Key }));
        var entered = all.SelectMany(c => c.Path.Distinct()).GroupBy(n => n).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => (g.Key, (long)g.Count())).ToList();
        Assert.Equal(entered, _counter.Query<(string, long)>("SELECT node, sum(calls)::bigint FROM rollup_paths WHERE kind = 'entered' GROUP BY node ORDER BY node COLLATE \"C\";").ToList());
        Assert.Equal(entered, _counter.Query<(string, long)>("SELECT node, sum(calls)::bigint FROM rollup_path_months WHERE kind = 'entered' GROUP BY node ORDER BY node COLLATE \"C\";").ToList());
    }

    public void Dispose()
    {
        _counter.Dispose();
        _file.Dispose();
    }

    private sealed record TestCall(string Id, DateTimeOffset At, string[] Path, string Disposition, bool Survey);

    /// <summary>Calls over several hours with paths of one to four nodes (repeats included), every third with a survey answer.</summary>
    private static List<TestCall> Calls(string prefix, int count)
    {
        var random = new Random(12 + count);
        return Enumerable.Range(0, count).Select(i => new TestCall($"{prefix}{i:D2}", T0.AddMinutes(random.Next(0, 6 * 60)),
            Enumerable.Range(0, random.Next(1, 5)).Select(_ => Menus[random.Next(Menus.Length)]).ToArray(),
            Dispositions[random.Next(Dispositions.Length)], i % 3 == 0)).ToList();
    }

    private List<object> Starts(List<TestCall> calls)
    {
        var items = new List<object>();
        foreach (var c in calls)
        {
            items.Add(new CallStart(c.Id, "13900001234", "12333", "v1", "main", c.At));
            items.AddRange(c.Path.Select((node, seq) => new CallEvent(c.Id, seq, c.At.AddSeconds(seq + 1), CallEventKind.NodeEntered, "v1", node)));
        }
        return items;
    }

    /// <summary>The calls' ends; their survey answers are written now (as the survey node does, outside the recorder), before any count.</summary>
    private List<object> Ends(List<TestCall> calls)
    {
        foreach (var c in calls.Where(c => c.Survey))
            _counter.Execute("INSERT INTO surveys (call_id, score, at) VALUES (@id, 3, @at);", new { id = c.Id, at = DbTime.ToText(c.At.AddSeconds(20)) });
        return calls.Select(c => (object)new CallEnd(c.Id, c.At.AddSeconds(30), c.Disposition)).ToList();
    }

    private static void Write(RecorderConnection connection, List<object> items)
        => connection.WriteInTransaction(items, static (c, t, statements, batch) => CallWriteBatch.Write(c, t, batch, "n1", statements));

    /// <summary>The statements this database ran during <paramref name="write"/> (the counting queries apart).</summary>
    private long Statements(Action write)
    {
        var before = Counted();
        write();
        return Counted() - before;
    }

    private long Counted() => _counter.ExecuteScalar<long>("""
        SELECT COALESCE(sum(calls), 0)::bigint FROM pg_stat_statements
        WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) AND query NOT LIKE '%pg_stat_statements%';
        """);
}
