using System.Net;
using System.Text.Json;
using Ivr.OperationsConsole.Tests.Support;

namespace Ivr.OperationsConsole.Tests;

/// <summary>Editor switches (issue 15): listed with their values, flipped by editors for new calls at once, audited; non-instant ones refused.</summary>
public sealed class SwitchTests : IAsyncLifetime
{
    private ConsoleTestServer _server = null!;

    public async Task InitializeAsync() => _server = await ConsoleTestServer.StartAsync(withEditor: true);

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Editor_FlipsTheAnnouncement_NewCallsHaveIt_AndTheAccessLogSaysWho()
    {
        using var editor = await _server.SignedInAsync("editor");
        var listed = (await editor.GetJsonAsync("/api/switches")).EnumerateArray().Single(s => s.GetProperty("name").GetString() == "announcement_on");
        Assert.True(listed.GetProperty("instant").GetBoolean());
        Assert.False(listed.GetProperty("on").GetBoolean());
        Assert.Equal(JsonValueKind.Null, listed.GetProperty("changedBy").ValueKind);

        var response = await editor.PostAsync("/api/switches/announcement_on", new { on = true });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var flipped = await ApiClient.Json(response);
        Assert.True(flipped.GetProperty("on").GetBoolean());
        Assert.Equal("editor", flipped.GetProperty("changedBy").GetString());
        Assert.Equal("true", _server.Editor!.Services.Switches.Current["announcement_on"]);

        // The next call plays the announcement: a try-call runs the same call engine with the switch values now.
        var call = await ApiClient.Json(await editor.PostAsync("/api/try-calls", new { }));
        Assert.Equal("true", call.GetProperty("switches").GetProperty("announcement_on").GetString());
        _server.Time.Advance(TimeSpan.FromSeconds(15));
        var id = call.GetProperty("id").GetString();
        var script = await (await editor.GetAsync($"/api/try-calls/{id}/script")).Content.ReadAsStringAsync();
        Assert.Contains("expect: [announcement]", script);
        Assert.Contains("announcement_on: \"true\"", script);

        var log = await _server.AccessLogAsync();
        var entry = Assert.Single(log, e => e.Action == "switch_change");
        Assert.Equal(("editor", "switch:announcement_on", "ok", "false -> true"), (entry.User, entry.Target, entry.Outcome, entry.Detail));
    }

    [Fact]
    public async Task TheValueOutlivesTheBoard_ANewNodeReadsItFromTheDatabase()
    {
        using var editor = await _server.SignedInAsync("editor");
        Assert.Equal(HttpStatusCode.OK, (await editor.PostAsync("/api/switches/announcement_on", new { on = true })).StatusCode);
        await using var other = new Data.Switches.SwitchBoard(_server.Database, _server.Time, _ => { });
        await other.StartRefreshing(TimeSpan.FromSeconds(1), CancellationToken.None);
        Assert.Equal("true", other.Current["announcement_on"]);
        Assert.Equal(HttpStatusCode.OK, (await editor.PostAsync("/api/switches/announcement_on", new { on = false })).StatusCode);
        Assert.Equal("true", other.Current["announcement_on"]);
        _server.Time.Advance(TimeSpan.FromSeconds(1)); // the other node's next refresh
        await WaitUntil(() => other.Current["announcement_on"] == "false");
    }

    [Fact]
    public async Task OnlyEditorsFlip_SupervisorsRead_AgentsSeeNothing_BadInputRefused()
    {
        using var supervisor = await _server.SignedInAsync("supervisor");
        using var agent = await _server.SignedInAsync("agent");
        using var editor = await _server.SignedInAsync("editor");
        Assert.Equal(HttpStatusCode.OK, (await supervisor.GetAsync("/api/switches")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await supervisor.PostAsync("/api/switches/announcement_on", new { on = true })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.GetAsync("/api/switches")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await editor.PostAsync("/api/switches/no_such_switch", new { on = true })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await editor.PostAsync("/api/switches/announcement_on", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await editor.SendAsync(HttpMethod.Post, "/api/switches/announcement_on", new { on = true }, withCsrf: false)).StatusCode);
        Assert.False(_server.Editor!.Services.Switches.Current.ContainsKey("announcement_on"));
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met within 10 s");
            await Task.Delay(20);
        }
    }
}
