using Ivr.Data.Security;
using Dapper;
using Ivr.Data.Calls;
using Ivr.Data.Operations;
using Ivr.Data.Retention;
using Ivr.Data.Rollups;

namespace Ivr.Data.Tests.Calls;

/// <summary><c>calls.path</c> (migration 17): written as a call is rolled up, backfilled for older rows, read by search
/// and export and the call history (<c>ivr calls</c>, the console's call page), and kept when the call's events are pruned.</summary>
public abstract class CallPathTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 23, 30, 0, TimeSpan.Zero);
    private readonly TestDatabase _file;
    private readonly IvrDatabase _database;

    protected CallPathTests(TestDatabase file)
    {
        _file = file;
        _database = _file.Open();
    }

    [SkippableFact]
    public async Task EndedCall_KeepsItsPathOnItsRow_OpenCall_IsSearchedWithThePathOfItsEvents()
    {
        await using (var recorder = new SqliteCallRecorder(_database))
        {
            RecordedCall.Record(recorder, "ended", T0, "completed", "main.menu", "pension.menu", "main.menu");
            RecordedCall.Record(recorder, "open", T0.AddMinutes(1), null, "main.menu", "card.menu");
            RecordedCall.Record(recorder, "silent", T0.AddMinutes(2), "abandoned");
            recorder.Flush();
        }

        Assert.Equal(new Dictionary<string, string?> { ["ended"] = "main.menu pension.menu main.menu", ["open"] = null, ["silent"] = "" }, StoredPaths());
        var found = await new CallSearch(_database).FindAsync(new CallQuery(), CancellationToken.None);
        Assert.Equal(["silent", "open", "ended"], found.Select(c => c.CallId));
        Assert.Equal(["main.menu", "card.menu"], found[1].Path);
        Assert.Equal(["main.menu", "pension.menu", "main.menu"], found[2].Path);
        Assert.Empty(found[0].Path);
    }

    [SkippableFact]
    public async Task CatchUp_StoresThePathOfCallsClosedElsewhere_AndBackfillsOlderRows()
    {
        await using (var recorder = new SqliteCallRecorder(_database))
        {
            RecordedCall.Record(recorder, "lost", T0, null, "main.menu", "fax.menu");
            RecordedCall.Record(recorder, "older", T0.AddMinutes(1), "completed", "main.menu", "pension.menu");
            RecordedCall.Record(recorder, "pruned-before", T0.AddMinutes(2), "completed", "main.menu");
            recorder.Flush();
        }
        using (var connection = _database.OpenConnection())
        {
            connection.Execute("UPDATE calls SET ended_at = started_at, disposition = 'node_lost' WHERE id = 'lost';");
            connection.Execute("UPDATE calls SET path = NULL WHERE id <> 'lost';"); // as rows ended before migration 17 are
            connection.Execute("DELETE FROM call_events WHERE call_id = 'pruned-before';");
        }

        Assert.Equal(new RollupCatchUpCounts(RolledUp: 1, PathsFilled: 2, Surveys: 0), await RollupCatchUp.RunAsync(_database, CancellationToken.None));

        Assert.Equal(new Dictionary<string, string?> { ["lost"] = "main.menu fax.menu", ["older"] = "main.menu pension.menu", ["pruned-before"] = "" }, StoredPaths());
        Assert.Equal(new RollupCatchUpCounts(0, 0, 0), await RollupCatchUp.RunAsync(_database, CancellationToken.None));
    }

    [SkippableFact]
    public async Task PrunedCall_KeepsItsPath_InTheExportStream()
    {
        var now = new DateTimeOffset(2026, 12, 3, 3, 0, 0, TimeSpan.FromHours(8));
        await using (var recorder = new SqliteCallRecorder(_database))
        {
            RecordedCall.Record(recorder, "old", now.AddDays(-200), "transferred", "main.menu", "agent.transfer");
            recorder.Flush();
        }
        using (var connection = _database.OpenConnection()) connection.Execute("UPDATE calls SET path = NULL;"); // not backfilled yet: the prune does it first

        var pruned = await new RetentionPruner(_database, Directory.CreateTempSubdirectory("ivr-paths-").FullName, HashKey.Generate()).PruneAsync(RetentionPolicy.Default, now, CancellationToken.None);

        Assert.Equal(2, pruned.CallEvents);
        var streamed = new List<CallListing>();
        await foreach (var call in new CallSearch(_database).StreamAsync(new CallQuery(Limit: 10), CancellationToken.None)) streamed.Add(call);
        Assert.Equal("main.menu agent.transfer", Assert.Single(streamed).Path);
    }

    [SkippableFact]
    public async Task CallHistory_ReadsAnEndedCallsKeptPath_SoAPrunedCallStillShowsIt()
    {
        await using (var recorder = new SqliteCallRecorder(_database))
        {
            RecordedCall.Record(recorder, "pruned", T0, "transferred", "main.menu", "agent.transfer");
            RecordedCall.Record(recorder, "open", T0.AddMinutes(1), null, "main.menu", "card.menu");
            RecordedCall.Record(recorder, "unrolled", T0.AddMinutes(2), "completed", "main.menu", "fax.menu");
            recorder.Flush();
        }
        using (var connection = _database.OpenConnection())
        {
            connection.Execute("DELETE FROM call_events WHERE call_id = 'pruned';");
            connection.Execute("UPDATE calls SET path = NULL, rolled_up = 0 WHERE id = 'unrolled';"); // closed elsewhere, not caught up yet
        }
        var history = new SqliteCallHistory(_database);

        var recent = history.Recent(10);

        Assert.Equal(["unrolled", "open", "pruned"], recent.Select(c => c.CallId));
        Assert.Equal(["main.menu", "fax.menu"], recent[0].Path);
        Assert.Equal(["main.menu", "card.menu"], recent[1].Path);
        Assert.Equal(["main.menu", "agent.transfer"], recent[2].Path);
        Assert.Equal(["main.menu", "agent.transfer"], history.Find("pruned")!.Path);
        Assert.Equal(["main.menu", "card.menu"], history.Find("open")!.Path);
        Assert.Equal(["main.menu", "fax.menu"], history.Find("unrolled")!.Path);
        Assert.Empty(history.Events("pruned"));
    }

    private Dictionary<string, string?> StoredPaths()
    {
        using var connection = _database.OpenConnection();
        return connection.Query<(string Id, string? Path)>("SELECT id, path FROM calls;").ToDictionary(r => r.Id, r => r.Path);
    }

    public void Dispose() => _file.Dispose();
}

public sealed class CallPathOnSqliteTests() : CallPathTests(new TempDatabase());

[Collection(PostgresCollection.Name)]
public sealed class CallPathOnPostgresTests(PostgresServer server) : CallPathTests(server.NewDatabase());
