using Dapper;
using Ivr.Core.Calls;
using Ivr.Data.Calls;

namespace Ivr.Data.Tests.Calls;

public abstract class SqliteCallRecorderTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 9, 30, 0, TimeSpan.FromHours(8));
    private readonly TestDatabase _file;
    private readonly IvrDatabase _database;

    protected SqliteCallRecorderTests(TestDatabase file)
    {
        _file = file;
        _database = _file.Open();
    }

    [SkippableFact]
    public async Task Flush_AfterCall_HistoryShowsCallEventsAndPath()
    {
        await using var recorder = new SqliteCallRecorder(_database);
        RecordCall(recorder, "c1", "13012345273", T0);

        recorder.Flush();

        var history = new SqliteCallHistory(_database);
        var call = history.Find("c1");
        Assert.NotNull(call);
        Assert.Equal("130*****273", call.CallerMasked);
        Assert.Equal("12333", call.Dialled);
        Assert.Equal(T0, call.StartedAt);
        Assert.Equal(T0.AddSeconds(20), call.EndedAt);
        Assert.Equal("completed", call.Disposition);
        Assert.Equal("v7", call.FlowVersion);
        Assert.Equal(["main.menu", "pension.ask_id"], call.Path);
        var events = history.Events("c1");
        Assert.Equal([0, 1, 2, 3], events.Select(e => e.Sequence));
        Assert.Equal(CallEventKind.NodeLeft, events[2].Kind);
        Assert.Equal("ok", events[2].Outcome);
        Assert.Equal("1", events[2].Detail);
        Assert.Equal(T0.AddSeconds(2), events[1].At);
    }

    [SkippableFact]
    public async Task CallerNumber_KeptInClearForCallbacksAndMaskedBeside()
    {
        await using var recorder = new SqliteCallRecorder(_database);
        RecordCall(recorder, "c1", "13912345678", T0);
        recorder.Flush();

        using var connection = _database.OpenConnection();
        var row = connection.QuerySingle<(string Caller, string Masked)>("SELECT caller, caller_masked FROM calls;");
        Assert.Equal("13912345678", row.Caller);
        Assert.Equal("139*****678", row.Masked);
    }

    [SkippableFact]
    public async Task Recent_ManyCalls_NewestFirstLimitedWithPaths()
    {
        await using var recorder = new SqliteCallRecorder(_database);
        for (var i = 0; i < 1000; i++) RecordCall(recorder, $"c{i:D4}", "13012345273", T0.AddMinutes(i));

        await recorder.FlushAsync(CancellationToken.None);

        var recent = new SqliteCallHistory(_database).Recent(3);
        Assert.Equal(["c0999", "c0998", "c0997"], recent.Select(c => c.CallId));
        Assert.All(recent, c => Assert.Equal(["main.menu", "pension.ask_id"], c.Path));
        Assert.Equal(4000 + 2000, recorder.Written);
    }

    [SkippableFact]
    public async Task Append_EventForUnknownCall_RefusedAloneOthersWritten()
    {
        var log = new List<string>();
        await using var recorder = new SqliteCallRecorder(_database, line => { lock (log) log.Add(line); });
        recorder.Append(new CallEvent("ghost", 0, T0, CallEventKind.NodeEntered, "v7", "main.menu"));
        RecordCall(recorder, "c1", "13012345273", T0);

        recorder.Flush();

        Assert.Equal(1, recorder.Failed);
        Assert.Contains(log, l => l.Contains("ghost#0"));
        Assert.NotNull(new SqliteCallHistory(_database).Find("c1"));
        Assert.Empty(new SqliteCallHistory(_database).Events("ghost"));
    }

    [SkippableFact]
    public async Task DisposeAsync_DrainsQueueThenDropsLaterWrites()
    {
        var recorder = new SqliteCallRecorder(_database);
        RecordCall(recorder, "c1", "13012345273", T0);

        await recorder.DisposeAsync();
        recorder.CallStarted(new CallStart("late", "1", "12333", "v7", "main", T0));

        Assert.Equal(6, recorder.Written);
        Assert.Equal(1, recorder.Dropped);
        Assert.Null(new SqliteCallHistory(_database).Find("late"));
    }

    [SkippableFact]
    public async Task Enqueue_DoesNotWaitForTheDatabase()
    {
        using var connection = _database.OpenConnection();
        using var blocking = BlockWriters(connection);
        await using var recorder = new SqliteCallRecorder(_database);
        var watch = System.Diagnostics.Stopwatch.StartNew();

        for (var i = 0; i < 100; i++) RecordCall(recorder, $"c{i}", "13012345273", T0);

        Assert.True(watch.ElapsedMilliseconds < 1000, $"enqueueing took {watch.ElapsedMilliseconds} ms");
        blocking.Rollback();
        await recorder.FlushAsync(CancellationToken.None);
        Assert.Equal(600, recorder.Written);
    }

    [SkippableFact]
    public async Task Enqueue_QueueFull_DropsAndLogsWithoutBlocking()
    {
        var log = new List<string>();
        using var connection = _database.OpenConnection();
        var blocking = BlockWriters(connection);
        await using var recorder = new SqliteCallRecorder(_database, line => { lock (log) log.Add(line); }, capacity: 10);

        for (var i = 0; i < 100; i++) RecordCall(recorder, $"c{i}", "13012345273", T0);

        Assert.True(recorder.Dropped > 0);
        Assert.Contains(log, l => l.Contains("dropping"));
        blocking.Rollback();
        await recorder.FlushAsync(CancellationToken.None);
        Assert.Equal(600, recorder.Written + recorder.Dropped + recorder.Failed);
    }

    [SkippableFact]
    public void History_UnknownCall_NullAndEmpty()
    {
        var history = new SqliteCallHistory(_database);

        Assert.Null(history.Find("nope"));
        Assert.Empty(history.Events("nope"));
        Assert.Empty(history.Recent(10));
        Assert.Empty(history.Recent(0));
    }

    private static void RecordCall(ICallRecorder recorder, string id, string caller, DateTimeOffset at)
    {
        recorder.CallStarted(new CallStart(id, caller, "12333", "v7", "main", at));
        recorder.Append(new CallEvent(id, 0, at.AddSeconds(1), CallEventKind.NodeEntered, "v7", "main.menu"));
        recorder.Append(new CallEvent(id, 1, at.AddSeconds(2), CallEventKind.DigitsReceived, "v7", "main.menu", Detail: "1"));
        recorder.Append(new CallEvent(id, 2, at.AddSeconds(3), CallEventKind.NodeLeft, "v7", "main.menu", "ok", "1"));
        recorder.Append(new CallEvent(id, 3, at.AddSeconds(4), CallEventKind.NodeEntered, "v7", "pension.ask_id"));
        recorder.CallEnded(id, at.AddSeconds(20), "completed");
    }

    /// <summary>Holds every writer of the call tables back until the returned transaction ends: SQLite's one write
    /// lock, PostgreSQL's table locks.</summary>
    private static System.Data.Common.DbTransaction BlockWriters(System.Data.Common.DbConnection connection)
    {
        var transaction = connection.BeginWrite();
        if (connection.Dialect() == DatabaseDialect.PostgreSql)
            Dapper.SqlMapper.Execute(connection, "LOCK TABLE calls, call_events IN EXCLUSIVE MODE;", transaction: transaction);
        return transaction;
    }

    public void Dispose() => _file.Dispose();
}

public sealed class SqliteCallRecorderOnSqliteTests() : SqliteCallRecorderTests(new TempDatabase());

[Collection(PostgresCollection.Name)]
public sealed class SqliteCallRecorderOnPostgresTests(PostgresServer server) : SqliteCallRecorderTests(server.NewDatabase());
