using System.Net;
using System.Text.Json;
using Ivr.Data.Maintenance;
using Ivr.OperationsConsole.Tests.Support;

namespace Ivr.OperationsConsole.Tests;

/// <summary><c>/api/backups</c>: the last successful backup and whether it is older than the hotline's 15 days.</summary>
public sealed class BackupStatusTests : IAsyncLifetime
{
    private ConsoleTestServer _server = null!;

    public async Task InitializeAsync() => _server = await ConsoleTestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Backups_NoneYet_Stale()
    {
        using var supervisor = await _server.SignedInAsync("supervisor");

        var status = await StatusAsync(supervisor);

        Assert.True(status.GetProperty("stale").GetBoolean());
        Assert.Equal(JsonValueKind.Null, status.GetProperty("lastSuccess").ValueKind);
        Assert.Equal(15, status.GetProperty("staleAfterDays").GetInt32());
    }

    [Fact]
    public async Task Backups_LastSuccessFifteenDaysOldOrLess_NotStale_OlderStale()
    {
        var now = _server.Time.GetUtcNow();
        var runs = new BackupRunRepository(_server.Database);
        await runs.AppendAsync(new BackupRun(now.AddDays(-15), now.AddDays(-15), "node-1", BackupRun.Scheduled, true, "/srv/b/ivr-backup-1.tar.gz", 4_200_000, null), default);
        await runs.AppendAsync(new BackupRun(now.AddDays(-1), now.AddDays(-1), "node-1", BackupRun.Scheduled, false, "/srv/b/ivr-backup-2.tar.gz", 0, "disk full"), default);
        using var admin = await _server.SignedInAsync("admin");

        var fresh = await StatusAsync(admin);
        _server.Time.Advance(TimeSpan.FromMinutes(1));
        var stale = await StatusAsync(admin);

        Assert.False(fresh.GetProperty("stale").GetBoolean());
        var last = fresh.GetProperty("lastSuccess");
        Assert.Equal(("/srv/b/ivr-backup-1.tar.gz", 4_200_000L, "scheduled", "node-1"),
            (last.GetProperty("file").GetString(), last.GetProperty("bytes").GetInt64(), last.GetProperty("trigger").GetString(), last.GetProperty("node").GetString()));
        Assert.Equal("disk full", fresh.GetProperty("lastFailure").GetProperty("detail").GetString());
        Assert.True(stale.GetProperty("stale").GetBoolean());
    }

    [Fact]
    public async Task Backups_AgentAndEditor_Forbidden()
    {
        using var agent = await _server.SignedInAsync("agent");
        using var editor = await _server.SignedInAsync("editor");

        Assert.Equal(HttpStatusCode.Forbidden, (await agent.GetAsync("api/backups")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await editor.GetAsync("api/backups")).StatusCode);
    }

    private static async Task<JsonElement> StatusAsync(ApiClient client)
    {
        var response = await client.GetAsync("api/backups");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }
}
