using Dapper;
using Ivr.Core.Calls;
using Ivr.Data.Calls;
using Npgsql;

namespace Ivr.Data.Tests.Nodes;

/// <summary>A node's call-event writer while PostgreSQL refuses every connection: calls never wait, records
/// are held up to the bound, the rest counted as dropped and logged, and the held ones written once it is back.</summary>
[Collection(PostgresCollection.Name)]
public sealed class CallRecorderWhenPostgresIsDownTests(PostgresServer server) : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 2, 0, 0, TimeSpan.Zero);
    private readonly PostgresDatabase _file = server.NewDatabase();

    [SkippableFact]
    public async Task DatabaseDown_CallsGoOn_HeldWithinTheBound_RestDroppedAndLogged_HeldWrittenWhenBack()
    {
        var database = _file.Open();
        var name = _file.Name;
        var log = new List<string>();
        var recorder = new SqliteCallRecorder(database, line => { lock (log) log.Add(line); }, capacity: 60);
        Record(recorder, "before");
        await recorder.FlushAsync(CancellationToken.None);

        server.Admin($"ALTER DATABASE {name} WITH ALLOW_CONNECTIONS false;");
        server.Admin($"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}';");
        NpgsqlConnection.ClearAllPools();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; i < 40; i++) Record(recorder, $"down{i}");
        var enqueueing = watch.Elapsed;
        await WaitFor(() => { lock (log) return log.Any(l => l.Contains("unavailable")); });

        Assert.True(enqueueing < TimeSpan.FromMilliseconds(500), $"recording 40 calls took {enqueueing.TotalMilliseconds:0} ms");
        Assert.True(recorder.Dropped > 0);
        lock (log) Assert.Contains(log, l => l.Contains("dropping"));

        server.Admin($"ALTER DATABASE {name} WITH ALLOW_CONNECTIONS true;");
        await recorder.FlushAsync(new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token);
        await recorder.DisposeAsync();

        string Log() { lock (log) return string.Join("\n", log); }
        Assert.True(6 + 40 * 6 == recorder.Written + recorder.Dropped,
            $"written {recorder.Written} + dropped {recorder.Dropped} != 246 (failed {recorder.Failed}); log:\n{Log()}");
        Assert.Equal(0, recorder.Failed);
        using var connection = database.OpenConnection();
        var rows = connection.ExecuteScalar<long>("SELECT COUNT(*) FROM calls;") + connection.ExecuteScalar<long>("SELECT COUNT(*) FROM call_events;")
                   + connection.ExecuteScalar<long>("SELECT COUNT(*) FROM calls WHERE ended_at IS NOT NULL;");
        Assert.Equal(recorder.Written, rows);
    }

    private static void Record(ICallRecorder recorder, string id)
    {
        recorder.CallStarted(new CallStart(id, "13012345273", "12333", "v7", "main", T0));
        for (var seq = 0; seq < 4; seq++) recorder.Append(new CallEvent(id, seq, T0.AddSeconds(seq), CallEventKind.NodeEntered, "v7", $"main.n{seq}"));
        recorder.CallEnded(id, T0.AddSeconds(20), "completed");
    }

    private static async Task WaitFor(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition() && DateTime.UtcNow < deadline) await Task.Delay(20);
        Assert.True(condition(), "timed out waiting for the recorder");
    }

    public void Dispose() => _file.Dispose();
}
