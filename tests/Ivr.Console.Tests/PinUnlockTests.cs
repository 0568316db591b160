using System.Net;
using Ivr.Data.Security;
using Ivr.OperationsConsole.Tests.Support;

namespace Ivr.OperationsConsole.Tests;

/// <summary><c>POST /api/pins/unlock</c> (agent after an identity check; audited, masked). The alerts on numbers that
/// lock several IDs: <see cref="PinAlertsApiTests"/>.</summary>
public sealed class PinUnlockTests : IAsyncLifetime
{
    private const string ResidentId = "11010519491231002X";
    private const string Masked = "110105********002X";
    private ConsoleTestServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await ConsoleTestServer.StartAsync();
        await using var connection = await _server.Database.OpenConnectionAsync(CancellationToken.None);
        await new PinLockStore(connection).LockAsync(ResidentId, PinLockout.UntilUnlocked, CancellationToken.None);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Agent_UnlocksAnIdLockedUntilUnlocked_AuditedMaskedOnly()
    {
        using var agent = await _server.SignedInAsync("agent");
        using var supervisor = await _server.SignedInAsync("supervisor");
        var before = (await supervisor.GetJsonAsync("api/pins/lockouts")).EnumerateArray().Single();
        Assert.True(before.GetProperty("untilUnlocked").GetBoolean());

        var response = await agent.PostAsync("api/pins/unlock", new { residentId = ResidentId[..^1] + "x" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await ApiClient.Json(response);
        Assert.Equal(Masked, body.GetProperty("subjectMasked").GetString());
        Assert.Equal(0, (await supervisor.GetJsonAsync("api/pins/lockouts")).GetArrayLength());
        var entry = (await _server.AccessLogAsync()).First(e => e.Action == "pin_unlock");
        Assert.Equal(("agent", $"pin:{Masked}", "ok"), (entry.User, entry.Target, entry.Outcome));
        Assert.Contains(_server.ServerLog, l => l.Contains($"agent unlocked the PIN of {Masked}: ok"));
        Assert.DoesNotContain(ResidentId, string.Join("\n", _server.ServerLog) + _server.Log.BodiesAsText()
            + string.Join("\n", (await _server.AccessLogAsync()).Select(e => $"{e.Target} {e.Detail}")));
    }

    [Fact]
    public async Task Unlock_OfAnIdNotLocked_404_Logged()
    {
        using var supervisor = await _server.SignedInAsync("supervisor");

        var response = await supervisor.PostAsync("api/pins/unlock", new { residentId = "330106198001010048" });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var entry = (await _server.AccessLogAsync()).First(e => e.Action == "pin_unlock");
        Assert.Equal(("pin:330106********0048", "not_locked"), (entry.Target, entry.Outcome));
    }

    [Theory]
    [InlineData("")]
    [InlineData("1101051949123100")]
    [InlineData("11010519491231002Y")]
    [InlineData("110105194912310021X")]
    public async Task Unlock_NotAResidentId_400(string id)
    {
        using var agent = await _server.SignedInAsync("agent");

        var response = await agent.PostAsync("api/pins/unlock", new { residentId = id });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("locked", await StillLockedAsync());
    }

    [Fact]
    public async Task Unlock_ByAnEditor_403AndStillLocked()
    {
        using var editor = await _server.SignedInAsync("editor");

        var response = await editor.PostAsync("api/pins/unlock", new { residentId = ResidentId });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("locked", await StillLockedAsync());
    }

    private async Task<string> StillLockedAsync()
    {
        await using var connection = await _server.Database.OpenConnectionAsync(CancellationToken.None);
        return await new PinLockout(_server.Time).LockedUntilAsync(new PinLockStore(connection), ResidentId, CancellationToken.None) is null ? "unlocked" : "locked";
    }
}
