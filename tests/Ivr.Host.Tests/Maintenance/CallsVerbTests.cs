using System.Text.Json;
using Dapper;
using Ivr.Data;
using Ivr.Host.Tests.Cli;

namespace Ivr.Host.Tests.Maintenance;

/// <summary><c>ivr calls</c> shows an ended call's kept path (<c>calls.path</c>), so a call whose events the retention
/// prune deleted still shows where it went.</summary>
[Collection("console")]
public sealed class CallsVerbTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("ivr-calls-verb-").FullName;

    [Fact]
    public async Task Calls_AfterThePrune_StillShowThePath()
    {
        var database = IvrDatabase.Open(Path.Combine(_data, "ivr.db"));
        var old = DateTimeOffset.UtcNow.AddDays(-200).ToString("yyyy-MM-dd'T'HH:mm:ss.fffffffzzz", System.Globalization.CultureInfo.InvariantCulture);
        using (var connection = database.OpenConnection())
        {
            await connection.ExecuteAsync("""
                INSERT INTO calls (id, caller, caller_masked, dialled, flow, flow_version, started_at, ended_at, disposition)
                VALUES ('old', '13912345678', '139*****678', '12333', 'main', 'v1', @old, @old, 'transferred');
                INSERT INTO call_events (call_id, seq, at, kind, node, flow_version) VALUES ('old', 1, @old, 'CallStarted', NULL, 'v1'),
                    ('old', 2, @old, 'NodeEntered', 'main.main_menu', 'v1'), ('old', 3, @old, 'NodeEntered', 'agent.transfer', 'v1'),
                    ('old', 4, @old, 'CallEnded', NULL, 'v1');
                """, new { old });
        }

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

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_data, recursive: true);
    }
}
