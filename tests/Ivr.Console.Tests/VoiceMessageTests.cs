using System.Net;
using Ivr.Data.Messages;
using Ivr.OperationsConsole.Tests.Support;

namespace Ivr.OperationsConsole.Tests;

public sealed class VoiceMessageTests : IAsyncLifetime
{
    private static readonly byte[] Audio = [.. "RIFF"u8, 1, 2, 3, 4, 5, 6, 7, 8];
    private ConsoleTestServer _server = null!;
    private long _message;
    private long _escaping;

    public async Task InitializeAsync()
    {
        _server = await ConsoleTestServer.StartAsync();
        await File.WriteAllBytesAsync(Path.Combine(_server.Recordings, "call-9-1.wav"), Audio);
        await using var connection = await _server.Database.OpenConnectionAsync(CancellationToken.None);
        var messages = new VoiceMessageRepository(connection);
        var now = _server.Time.GetUtcNow();
        _message = await messages.InsertAsync("call-9", "call-9-1.wav", "13912345678", "pension question", now.AddDays(-9), new DateOnly(2026, 11, 20), CancellationToken.None);
        _escaping = await messages.InsertAsync("call-10", "../ivr.db", "13912345678", "x", now, new DateOnly(2026, 11, 30), CancellationToken.None);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Recording_Played_IsTheFile_AndEveryViewIsLogged()
    {
        using var supervisor = await _server.SignedInAsync("supervisor");

        var response = await supervisor.GetAsync($"api/messages/{_message}/audio");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("audio/wav", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Audio, await response.Content.ReadAsByteArrayAsync());
        Assert.Contains(await _server.AccessLogAsync(), e => e is { Action: "recording_view", User: "supervisor", Outcome: "ok" } && e.Target == $"message:{_message}");
    }

    [Fact]
    public async Task Recording_MadeOnAnotherNode_IsPlayedFromThatNodesFolderInTheSharedOne()
    {
        // Nodes sharing a recordings folder (ivr serve --recordings DIR) each record into DIR/NODE-ID.
        byte[] other = [.. "RIFF"u8, 9, 9, 9];
        Directory.CreateDirectory(Path.Combine(_server.Recordings, "node2"));
        await File.WriteAllBytesAsync(Path.Combine(_server.Recordings, "node2", "call-11-1.wav"), other);
        long id;
        await using (var connection = await _server.Database.OpenConnectionAsync(CancellationToken.None))
        {
            id = await new VoiceMessageRepository(connection).InsertAsync("call-11", "call-11-1.wav", "13912345678", "x",
                _server.Time.GetUtcNow(), new DateOnly(2026, 11, 30), CancellationToken.None);
        }

        using var supervisor = await _server.SignedInAsync("supervisor");
        var response = await supervisor.GetAsync($"api/messages/{id}/audio");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(other, await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Recording_NamedOutsideTheRecordingsFolder_IsNotServed()
    {
        using var supervisor = await _server.SignedInAsync("supervisor");
        Assert.Equal(HttpStatusCode.NotFound, (await supervisor.GetAsync($"api/messages/{_escaping}/audio")).StatusCode);
    }

    [Fact]
    public async Task Agent_SeesAndWorksOnlyWhatIsAssignedToThem()
    {
        using var supervisor = await _server.SignedInAsync("supervisor");
        using var agent = await _server.SignedInAsync("agent");
        using var other = await _server.SignedInAsync("agent2");
        Assert.Empty((await agent.GetJsonAsync("api/messages")).EnumerateArray());

        var assigned = await supervisor.PostAsync($"api/messages/{_message}/assign", new { user = "agent" });
        Assert.Equal(HttpStatusCode.OK, assigned.StatusCode);

        var mine = Assert.Single((await agent.GetJsonAsync("api/messages")).EnumerateArray());
        Assert.Equal("assigned", mine.GetProperty("status").GetString());
        Assert.Equal("139*****678", mine.GetProperty("callbackMasked").GetString());
        Assert.True(mine.GetProperty("overdue").GetBoolean()); // due 2026-11-20, today 2026-11-23
        Assert.Empty((await other.GetJsonAsync("api/messages")).EnumerateArray());
        Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync($"api/messages/{_message}/audio")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await other.PostAsync($"api/messages/{_message}/called-back", new { outcome = "done" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.PostAsync($"api/messages/{_message}/assign", new { user = "agent2" })).StatusCode);

        var done = await agent.PostAsync($"api/messages/{_message}/called-back", new { outcome = "已回电，问题已解决" });

        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        var after = await ApiClient.Json(done);
        Assert.Equal("called_back", after.GetProperty("status").GetString());
        Assert.Equal("agent", after.GetProperty("calledBackBy").GetString());
        Assert.False(after.GetProperty("overdue").GetBoolean());
        Assert.Empty((await agent.GetJsonAsync("api/messages")).EnumerateArray());
    }

    [Fact]
    public async Task CalledBack_WithoutAnOutcome_Is400AndChangesNothing()
    {
        using var supervisor = await _server.SignedInAsync("supervisor");
        Assert.Equal(HttpStatusCode.BadRequest, (await supervisor.PostAsync($"api/messages/{_message}/called-back", new { outcome = "  " })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await supervisor.PostAsync($"api/messages/{_message}/assign", new { user = "nobody" })).StatusCode);
        var message = (await supervisor.GetJsonAsync("api/messages")).EnumerateArray().Single(m => m.GetProperty("id").GetInt64() == _message);
        Assert.Equal("new", message.GetProperty("status").GetString());
    }
}
