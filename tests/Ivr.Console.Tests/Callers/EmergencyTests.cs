using System.Net;
using Ivr.Data.Messages;
using Ivr.OperationsConsole.Callers;
using Ivr.OperationsConsole.Tests.Support;

namespace Ivr.OperationsConsole.Tests.Callers;

/// <summary>The emergency mark on a voice message: supervisors only, audited, pages once, listed for the banner;
/// complaints and emergencies come first in the message list.</summary>
public sealed class EmergencyTests : IAsyncLifetime
{
    private readonly RecordingPager _pager = new();
    private ConsoleTestServer _server = null!;
    private long _plain;
    private long _complaint;

    public async Task InitializeAsync()
    {
        _server = await ConsoleTestServer.StartAsync(pager: _pager);
        var now = _server.Time.GetUtcNow();
        await using var connection = await _server.Database.OpenConnectionAsync(CancellationToken.None);
        var messages = new VoiceMessageRepository(connection);
        _plain = await messages.InsertAsync("call-1", "call-1.wav", "13912345678", "after_hours", now, new DateOnly(2026, 11, 25), CancellationToken.None);
        _complaint = await messages.InsertAsync("call-2", "call-2.wav", "13912345678", "complaint_attitude", now, new DateOnly(2026, 11, 30), CancellationToken.None);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Supervisor_MarksEmergency_PagedOnce_Banner_ListedFirst()
    {
        using var supervisor = await _server.SignedInAsync("supervisor");
        Assert.Equal([_complaint, _plain], (await supervisor.GetJsonAsync("api/messages")).EnumerateArray().Select(m => m.GetProperty("id").GetInt64()));

        var first = await supervisor.PostAsync($"api/messages/{_plain}/emergency");
        var second = await supervisor.PostAsync($"api/messages/{_plain}/emergency");

        Assert.True((await ApiClient.Json(first)).GetProperty("newlyMarked").GetBoolean());
        Assert.False((await ApiClient.Json(second)).GetProperty("newlyMarked").GetBoolean());
        var page = Assert.Single(_pager.Pages);
        Assert.Equal((_plain, "call-1", "supervisor"), (page.MessageId, page.CallId, page.MarkedBy));
        Assert.Equal(_plain, (await supervisor.GetJsonAsync("api/emergencies")).EnumerateArray().Single().GetProperty("id").GetInt64());
        var listed = (await supervisor.GetJsonAsync("api/messages")).EnumerateArray().ToList();
        Assert.Equal([_plain, _complaint], listed.Select(m => m.GetProperty("id").GetInt64()));
        Assert.True(listed[0].GetProperty("emergency").GetBoolean());
        Assert.True(listed[1].GetProperty("complaint").GetBoolean());
        Assert.Equal(["ok", "already_marked"], (await _server.AccessLogAsync()).Where(e => e.Action == "message_emergency").Select(e => e.Outcome).Reverse());
    }

    [Fact]
    public async Task Agent_CannotMarkOrSeeTheBanner_403_UnknownMessage_404()
    {
        using var agent = await _server.SignedInAsync("agent");
        using var supervisor = await _server.SignedInAsync("supervisor");

        Assert.Equal(HttpStatusCode.Forbidden, (await agent.PostAsync($"api/messages/{_plain}/emergency")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.GetAsync("api/emergencies")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await supervisor.PostAsync("api/messages/999/emergency")).StatusCode);
        Assert.Empty(_pager.Pages);
    }

    private sealed class RecordingPager : IEmergencyPager
    {
        public List<EmergencyPage> Pages { get; } = [];

        public void Page(EmergencyPage page)
        {
            lock (Pages) Pages.Add(page);
        }
    }
}
