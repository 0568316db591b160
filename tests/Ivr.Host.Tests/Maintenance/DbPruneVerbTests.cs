using System.Text.Json;
using Dapper;
using Ivr.Data;
using Ivr.Host.Tests.Cli;

namespace Ivr.Host.Tests.Maintenance;

[Collection("console")]
public sealed class DbPruneVerbTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("ivr-prune-verb-").FullName;

    [Fact]
    public async Task Prune_DryRunCountsThenPruneDeletesAndAudits_CallSummariesStay()
    {
        var database = await OldCallAsync("completed", "('old', 1, @old, 'CallStarted', NULL, 'v1'), ('old', 2, @old, 'CallEnded', NULL, 'v1')");

        var (dryCode, dry, _) = await ProgramTests.Run("db", "prune", "--dry-run", "--data", _data);
        var (code, pruned, errors) = await ProgramTests.Run("db", "prune", "--data", _data);

        Assert.Equal(0, dryCode);
        Assert.Matches(@"call_events\s+2\s", dry);
        Assert.Matches(@"pin_attempts\s+0\s+\(kept 90 days", dry);
        Assert.Matches(@"pin_lock_origins\s+0\s+\(with their PIN alerts, kept 365 days", dry);
        Assert.Contains("would prune 2 in", dry);
        Assert.True(code == 0, errors);
        Assert.Contains(": pruned 2 in", pruned);
        using var check = database.OpenConnection();
        Assert.Equal(0, check.ExecuteScalar<long>("SELECT COUNT(*) FROM call_events;"));
        Assert.Equal("completed", check.ExecuteScalar<string>("SELECT disposition FROM calls WHERE id = 'old';"));
        var audit = check.QuerySingle<(string User, string Outcome, string Detail)>("SELECT user_name, outcome, detail FROM console_access_log WHERE action = 'retention_prune';");
        Assert.Equal(("system", "ok"), (audit.User, audit.Outcome));
        Assert.StartsWith("call_events 2, recordings 0, access_log 0, fax_numbers 0, pin_attempts 0, pin_lock_origins 0", audit.Detail);
    }

    /// <summary>A dry run writes nothing: no key file is made and the database is not bound to one (the real run does both).</summary>
    [Fact]
    public async Task Prune_DryRun_MakesNoKeyAndBindsNothing()
    {
        var database = await OldCallAsync("completed", "('old', 1, @old, 'CallStarted', NULL, 'v1')");
        var keyFile = Path.Combine(_data, "secrets", "hash-key");

        var (dryCode, dry, dryErrors) = await ProgramTests.Run("db", "prune", "--dry-run", "--data", _data);

        Assert.True(dryCode == 0, dryErrors);
        Assert.Contains("would prune 1 in", dry);
        Assert.False(File.Exists(keyFile));
        using (var check = database.OpenConnection()) Assert.Equal(0, check.ExecuteScalar<long>("SELECT COUNT(*) FROM hash_key_check;"));
        var (code, _, errors) = await ProgramTests.Run("db", "prune", "--data", _data);
        Assert.True(code == 0, errors);
        Assert.True(File.Exists(keyFile));
        var (againCode, again, againErrors) = await ProgramTests.Run("db", "prune", "--dry-run", "--data", _data);
        Assert.True(againCode == 0, againErrors);
        Assert.Contains("would prune 0 in", again);
    }

    /// <summary>A dry run on a database bound to a key it cannot read refuses with the key file's name, as the real run does.</summary>
    [Fact]
    public async Task Prune_DryRun_BoundDatabaseWithoutItsKeyFile_Refuses()
    {
        await OldCallAsync("completed", "('old', 1, @old, 'CallStarted', NULL, 'v1')");
        var (code, _, errors) = await ProgramTests.Run("db", "prune", "--data", _data);
        Assert.True(code == 0, errors);
        File.Delete(Path.Combine(_data, "secrets", "hash-key"));

        var (dryCode, _, dryErrors) = await ProgramTests.Run("db", "prune", "--dry-run", "--data", _data);

        Assert.Equal(1, dryCode);
        Assert.Contains("hash-key: no such key file, and the database is bound to a hash key", dryErrors);
    }

    [Fact]
    public async Task Prune_BadRetentionFile_ExitsOneNamingFileAndLine()
    {
        var file = Path.Combine(_data, "retention.yaml");
        File.WriteAllText(file, "call_events: 0d\n");

        var (code, _, errors) = await ProgramTests.Run("db", "prune", "--data", _data, "--retention", file);

        Assert.Equal(1, code);
        Assert.Contains($"{file}:1:14: call_events: a period longer than zero", errors);
    }

    /// <summary><c>ivr calls</c> shows an ended call's kept path (<c>calls.path</c>): the prune deletes its events, not where it went.</summary>
    [Fact]
    public async Task Calls_AfterThePrune_StillShowThePath()
    {
        var database = await OldCallAsync("transferred", "('old', 1, @old, 'CallStarted', NULL, 'v1'), ('old', 2, @old, 'NodeEntered', 'main.main_menu', 'v1'), "
            + "('old', 3, @old, 'NodeEntered', 'agent.transfer', 'v1'), ('old', 4, @old, 'CallEnded', NULL, 'v1')");

        var (pruneCode, _, pruneErrors) = await ProgramTests.Run("db", "prune", "--data", _data);
        var (code, table, errors) = await ProgramTests.Run("calls", "--data", _data);
        var (jsonCode, json, _) = await ProgramTests.Run("calls", "--data", _data, "--json");

        Assert.True(pruneCode == 0, pruneErrors);
        using (var check = database.OpenConnection()) Assert.Equal(0, check.ExecuteScalar<long>("SELECT COUNT(*) FROM call_events;"));
        Assert.True(code == 0, errors);
        Assert.Contains("    main.main_menu > agent.transfer", table);
        Assert.Equal(0, jsonCode);
        var call = Assert.Single(JsonDocument.Parse(json).RootElement.EnumerateArray());
        Assert.Equal(["main.main_menu", "agent.transfer"], call.GetProperty("path").EnumerateArray().Select(n => n.GetString()));
        Assert.DoesNotContain("13912345678", table + json);
    }

    /// <summary>A call ended 200 days ago (older than any retention period) with <paramref name="events"/> (rows of
    /// <c>call_id, seq, at, kind, node, flow_version</c>, <c>@old</c> its time).</summary>
    private async Task<IvrDatabase> OldCallAsync(string disposition, string events)
    {
        var database = IvrDatabase.Open(Path.Combine(_data, "ivr.db"));
        var old = DateTimeOffset.UtcNow.AddDays(-200).ToString("yyyy-MM-dd'T'HH:mm:ss.fffffffzzz", System.Globalization.CultureInfo.InvariantCulture);
        using var connection = database.OpenConnection();
        await connection.ExecuteAsync($"""
            INSERT INTO calls (id, caller, caller_masked, dialled, flow, flow_version, started_at, ended_at, disposition)
            VALUES ('old', '13912345678', '139*****678', '12333', 'main', 'v1', @old, @old, @disposition);
            INSERT INTO call_events (call_id, seq, at, kind, node, flow_version) VALUES {events};
            """, new { old, disposition });
        return database;
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_data, recursive: true);
    }
}
