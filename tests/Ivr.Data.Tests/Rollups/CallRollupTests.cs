using Dapper;
using Ivr.Data.Calls;
using Ivr.Data.Operations;
using Ivr.Data.Rollups;

namespace Ivr.Data.Tests.Rollups;

public abstract class CallRollupTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 23, 30, 0, TimeSpan.Zero); // 07:30 on the 24th in Beijing
    private readonly TestDatabase _file;
    private readonly IvrDatabase _database;

    protected CallRollupTests(TestDatabase file)
    {
        _file = file;
        _database = _file.Open();
    }

    [SkippableFact]
    public async Task EndedCalls_AreRolledUpOnce_AsTheyEnd()
    {
        await using (var recorder = new SqliteCallRecorder(_database, node: "n1"))
        {
            RecordedCall.Record(recorder, "c1", T0, "transferred", "main.menu", "pension.menu", "agent.transfer");
            RecordedCall.Record(recorder, "c2", T0.AddMinutes(1), "abandoned", "main.menu", "main.menu", "pension.menu");
            RecordedCall.Record(recorder, "c3", T0.AddMinutes(2), null, "main.menu");
            recorder.Flush();
        }

        Assert.Equal(0, (await RollupCatchUp.RunAsync(_database, CancellationToken.None)).RolledUp);
        var reader = new RollupReader(_database);
        var day = new DateOnly(2026, 11, 24);
        var days = await reader.DaysAsync(day, day, null, CancellationToken.None);
        Assert.Equal([("abandoned", 1L), ("transferred", 1L)], days.Select(d => (d.Disposition!, d.Calls)).Order().ToList());
        Assert.Equal([(7, 2L)], await reader.HoursAsync(day, day, null, CancellationToken.None));
        var paths = (await reader.PathsAsync(day, day, null, CancellationToken.None)).Select(p => (p.Kind, p.Node, p.Next, p.Calls)).ToHashSet();
        Assert.Contains((PathFact.Entered, "main.menu", "", 2L), paths);
        Assert.Contains((PathFact.Step, "main.menu", "pension.menu", 2L), paths);
        Assert.Contains((PathFact.Abandoned, "pension.menu", "", 1L), paths);
        Assert.Contains((PathFact.Transferred, "main.menu", "agent.transfer pension.menu", 1L), paths);
        Assert.Contains((PathFact.Transferred, "pension.menu", "agent.transfer", 1L), paths);
        Assert.DoesNotContain(paths, p => p.Kind == PathFact.Step && p.Next == p.Node);
        using var connection = _database.OpenConnection();
        Assert.Equal(["c1", "c2"], connection.Query<string>("SELECT id FROM calls WHERE rolled_up = 1 ORDER BY id;"));
        Assert.Equal("n1", connection.QuerySingle<string>("SELECT DISTINCT node FROM rollup_calls;"));
    }

    [SkippableFact]
    public async Task CallsClosedOutsideTheRecorder_AreRolledUpByTheCatchUp_Once_AndOutliveTheirEvents()
    {
        await using (var recorder = new SqliteCallRecorder(_database))
        {
            RecordedCall.Record(recorder, "open", T0, null, "main.menu");
            recorder.Flush();
        }
        using (var connection = _database.OpenConnection())
            connection.Execute("UPDATE calls SET ended_at = started_at, disposition = 'node_lost';");

        Assert.Equal(1, (await RollupCatchUp.RunAsync(_database, CancellationToken.None)).RolledUp);
        Assert.Equal(0, (await RollupCatchUp.RunAsync(_database, CancellationToken.None)).RolledUp);
        using (var connection = _database.OpenConnection()) connection.Execute("DELETE FROM call_events;");

        var reader = new RollupReader(_database);
        var day = new DateOnly(2026, 11, 24);
        Assert.Equal(1, Assert.Single(await reader.DaysAsync(day, day, null, CancellationToken.None)).Calls);
        Assert.Single(await reader.PathsAsync(day, day, "v1", CancellationToken.None), p => p.Kind == PathFact.Entered);
        Assert.Equal(["v1"], await reader.FlowVersionsAsync(CancellationToken.None));
    }

    [SkippableFact]
    public async Task Search_PagesByKeyset_WithoutGapsOrRepeats_AndFindsANumberByItsEnding()
    {
        await using (var recorder = new SqliteCallRecorder(_database, node: "n2"))
        {
            for (var i = 0; i < 25; i++) RecordedCall.Record(recorder, $"k{i:D2}", T0.AddMinutes(i / 3), "completed", "main.menu"); // three calls a minute: ties on started_at
            recorder.Flush();
        }

        var search = new CallSearch(_database);
        var seen = new List<string>();
        var query = new CallQuery(Limit: 10, Node: "n2", FlowVersion: "v1");
        while (true)
        {
            var page = await search.FindAsync(query, CancellationToken.None);
            seen.AddRange(page.Select(c => c.CallId));
            if (page.Count < query.Limit) break;
            Assert.True(CallCursor.TryParse(new CallCursor(page[^1].StartedAt, page[^1].CallId).ToString(), out var after));
            query = query with { After = after };
        }

        Assert.Equal(Enumerable.Range(0, 25).Reverse().Select(i => $"k{i:D2}"), seen);
        var streamed = new List<string>();
        await foreach (var call in search.StreamAsync(new CallQuery(Limit: 1000), CancellationToken.None)) streamed.Add(call.CallId);
        Assert.Equal(seen, streamed);
        var byEnding = await search.FindAsync(new CallQuery(Number: "0017", NumberIsSuffix: true), CancellationToken.None);
        Assert.Equal("k17", Assert.Single(byEnding).CallId);
        Assert.Equal(["main.menu"], byEnding[0].Path);
        Assert.Empty(await search.FindAsync(new CallQuery(Node: "elsewhere"), CancellationToken.None));
    }

    public void Dispose() => _file.Dispose();
}

public sealed class CallRollupOnSqliteTests() : CallRollupTests(new TempDatabase());

[Collection(PostgresCollection.Name)]
public sealed class CallRollupOnPostgresTests(PostgresServer server) : CallRollupTests(server.NewDatabase());
