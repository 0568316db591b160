using Dapper;
using Ivr.Core.Handoffs;
using Ivr.Data.Handoffs;
using Ivr.Data.Retention;

namespace Ivr.Data.Tests.Retention;

public abstract class RetentionPrunerTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 3, 0, 0, TimeSpan.FromHours(8));
    private static readonly RetentionPolicy Policy = RetentionPolicy.Default;
    private readonly TestDatabase _file;
    private readonly string _recordings = Directory.CreateTempSubdirectory("ivr-retention-").FullName;

    protected RetentionPrunerTests(TestDatabase file) => _file = file;

    [SkippableFact]
    public async Task Prune_OldCallEventsGoInBatches_CallSummariesStay()
    {
        var database = _file.Open();
        using (var connection = database.OpenConnection())
        {
            for (var i = 0; i < 7; i++) await InsertCallAsync(connection, $"old-{i}", Now.AddDays(-200 + i), events: 4);
            await InsertCallAsync(connection, "recent", Now.AddDays(-10), events: 5);
        }

        var pruner = new RetentionPruner(database, _recordings, _file.HashKey, batch: 3);
        var counted = await pruner.CountAsync(Policy, Now, default);
        var pruned = await pruner.PruneAsync(Policy, Now, default);
        var again = await pruner.PruneAsync(Policy, Now, default);

        Assert.Equal(28, counted.CallEvents);
        Assert.Equal(28, pruned.CallEvents);
        Assert.Equal(0, again.CallEvents);
        Assert.Equal(0, (await pruner.CountAsync(Policy, Now, default)).CallEvents);
        using var check = database.OpenConnection();
        Assert.Equal(5, check.ExecuteScalar<long>("SELECT COUNT(*) FROM call_events;"));
        Assert.Equal(5, check.ExecuteScalar<long>("SELECT COUNT(*) FROM call_events WHERE call_id = 'recent';"));
        var summaries = check.Query<(string Id, string Disposition, string EndedAt)>("SELECT id, disposition, ended_at FROM calls ORDER BY id;").ToList();
        Assert.Equal(8, summaries.Count);
        Assert.All(summaries, c => Assert.Equal("completed", c.Disposition));
        Assert.All(summaries, c => Assert.NotNull(c.EndedAt));
    }

    [SkippableFact]
    public async Task Prune_CallsStartedAfterTheLastRun_ArePrunedByTheNextRun()
    {
        var database = _file.Open();
        using (var connection = database.OpenConnection()) await InsertCallAsync(connection, "first", Now.AddDays(-181), events: 2);
        var pruner = new RetentionPruner(database, _recordings, _file.HashKey, batch: 2);
        Assert.Equal(2, (await pruner.PruneAsync(Policy, Now, default)).CallEvents);
        using (var connection = database.OpenConnection()) await InsertCallAsync(connection, "second", Now.AddDays(-175), events: 3);

        var tenDaysLater = await pruner.PruneAsync(Policy, Now.AddDays(10), default);

        Assert.Equal(3, tenDaysLater.CallEvents);
    }

    [SkippableFact]
    public async Task Prune_HandledOldRecordings_FileDeletedMessageKeptAndMarked()
    {
        var database = _file.Open();
        using (var connection = database.OpenConnection())
        {
            await InsertMessageAsync(connection, "old-handled.wav", Now.AddDays(-400), "called_back");
            await InsertMessageAsync(connection, "old-open.wav", Now.AddDays(-400), "new");
            await InsertMessageAsync(connection, "recent-handled.wav", Now.AddDays(-30), "called_back");
        }

        var pruner = new RetentionPruner(database, _recordings, _file.HashKey, batch: 1);
        Assert.Equal(1, (await pruner.CountAsync(Policy, Now, default)).Recordings);
        var pruned = await pruner.PruneAsync(Policy, Now, default);

        Assert.Equal(1, pruned.Recordings);
        Assert.False(File.Exists(Path.Combine(_recordings, "old-handled.wav")));
        Assert.True(File.Exists(Path.Combine(_recordings, "old-open.wav")));
        Assert.True(File.Exists(Path.Combine(_recordings, "recent-handled.wav")));
        using var check = database.OpenConnection();
        var rows = check.Query<(string Recording, string? PrunedAt)>("SELECT recording, recording_pruned_at FROM voice_messages ORDER BY id;").ToList();
        Assert.Equal(3, rows.Count);
        Assert.Equal(DbTime.ToText(Now), rows[0].PrunedAt);
        Assert.Null(rows[1].PrunedAt);
        Assert.Null(rows[2].PrunedAt);
        Assert.Equal(0, (await pruner.PruneAsync(Policy, Now, default)).Recordings);
    }

    [SkippableFact]
    public async Task Prune_AccessLogOlderThanItsPeriod_Deleted()
    {
        var database = _file.Open();
        using (var connection = database.OpenConnection())
        {
            foreach (var days in new[] { 300, 200, 181, 179, 1 })
                await connection.ExecuteAsync("INSERT INTO console_access_log (at, user_name, ip, action, target, outcome) VALUES (@at, 'admin', '127.0.0.1', 'sign_in', 'session', 'ok');",
                    new { at = DbTime.ToText(Now.AddDays(-days)) });
        }

        var pruned = await new RetentionPruner(database, _recordings, _file.HashKey, batch: 2).PruneAsync(Policy, Now, default);

        Assert.Equal(3, pruned.AccessLog);
        using var check = database.OpenConnection();
        Assert.Equal(2, check.ExecuteScalar<long>("SELECT COUNT(*) FROM console_access_log;"));
    }

    [SkippableFact]
    public async Task Prune_FinishedOldFaxJobs_NumberMaskedJobsKept()
    {
        var database = _file.Open();
        using (var connection = database.OpenConnection())
        {
            await InsertFaxAsync(connection, "sent", Now.AddDays(-100));
            await InsertFaxAsync(connection, "queued", Now.AddDays(-100));
            await InsertFaxAsync(connection, "failed", Now.AddDays(-10));
        }

        var pruned = await new RetentionPruner(database, _recordings, _file.HashKey).PruneAsync(Policy, Now, default);

        Assert.Equal(1, pruned.FaxNumbers);
        using var check = database.OpenConnection();
        Assert.Equal(["010*****567", "01012345567", "01012345567"], check.Query<string>("SELECT number FROM fax_jobs ORDER BY id;"));
    }

    [SkippableFact]
    public async Task Prune_ExpiredHandoffTokens_DeletedInBatchesAndCounted_UnexpiredKeptReadable()
    {
        var database = _file.Open();
        var issuing = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(Now - HandoffKinds.Lifetime - TimeSpan.FromMinutes(1));
        var store = new HandoffTokenStore(database, issuing);
        for (var i = 0; i < 5; i++)
            await store.IssueAsync(new Handoff(HandoffKinds.AssistResult, $"old-{i}", "agent1001", new Dictionary<string, string> { ["id_number"] = "11010519491231002X" }), default);
        issuing.SetUtcNow(Now - HandoffKinds.Lifetime + TimeSpan.FromSeconds(30));   // the old ones are not expired yet: issuing deletes none
        var live = await store.IssueAsync(new Handoff(HandoffKinds.AssistResult, "recent", "agent1001", new Dictionary<string, string> { ["id_number"] = "11010519491231002X" }), default);
        var pruner = new RetentionPruner(database, _recordings, _file.HashKey, batch: 2);

        var counted = await pruner.CountAsync(Policy, Now, default);
        var pruned = await pruner.PruneAsync(Policy, Now, default);

        Assert.Equal((5, 5, 5), (counted.HandoffTokens, pruned.HandoffTokens, pruned.Total));
        Assert.EndsWith("handoff_tokens 5", pruned.ToString());
        Assert.Equal(0, (await pruner.CountAsync(Policy, Now, default)).HandoffTokens);
        using (var check = database.OpenConnection())
            Assert.Equal(["recent"], check.Query<string>("SELECT call_id FROM handoff_tokens;"));
        Assert.NotNull(await new HandoffTokenStore(database, new Microsoft.Extensions.Time.Testing.FakeTimeProvider(Now)).FindAsync(HandoffKinds.AssistResult, live, default));
    }

    private static async Task InsertCallAsync(System.Data.IDbConnection connection, string id, DateTimeOffset started, int events)
    {
        await connection.ExecuteAsync("""
            INSERT INTO calls (id, caller, caller_masked, dialled, flow, flow_version, started_at, ended_at, disposition)
            VALUES (@id, '13912345678', '139*****678', '12333', 'main', 'v1', @started, @ended, 'completed');
            """, new { id, started = DbTime.ToText(started), ended = DbTime.ToText(started.AddMinutes(2)) });
        for (var seq = 1; seq <= events; seq++)
            await connection.ExecuteAsync("INSERT INTO call_events (call_id, seq, at, kind, flow_version) VALUES (@id, @seq, @at, 'NodeEntered', 'v1');",
                new { id, seq, at = DbTime.ToText(started.AddSeconds(seq)) });
    }

    private async Task InsertMessageAsync(System.Data.IDbConnection connection, string recording, DateTimeOffset at, string status)
    {
        await File.WriteAllBytesAsync(Path.Combine(_recordings, recording), [1, 2, 3]);
        await connection.ExecuteAsync("""
            INSERT INTO voice_messages (call_id, recording, callback_number, reason, created_at, due_date, status)
            VALUES ('c', @recording, '13900000001', 'voice_message', @at, '2026-01-01', @status);
            """, new { recording, at = DbTime.ToText(at), status });
    }

    private static Task InsertFaxAsync(System.Data.IDbConnection connection, string status, DateTimeOffset updated)
        => connection.ExecuteAsync("""
            INSERT INTO fax_jobs (call_id, document_id, number, due_at, status, max_attempts, created_at, updated_at)
            VALUES ('c', 'card_guide', '01012345567', @at, @status, 3, @at, @at);
            """, new { status, at = DbTime.ToText(updated) });

    public void Dispose()
    {
        _file.Dispose();
        Directory.Delete(_recordings, recursive: true);
    }
}

public sealed class RetentionPrunerOnSqliteTests() : RetentionPrunerTests(new TempDatabase());

[Collection(PostgresCollection.Name)]
public sealed class RetentionPrunerOnPostgresTests(PostgresServer server) : RetentionPrunerTests(server.NewDatabase());
