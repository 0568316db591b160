using System.Net;
using System.Text.Json;
using Ivr.OperationsConsole.Tests.Support;

namespace Ivr.OperationsConsole.Tests;

/// <summary>Try-calls (试拨): the call engine on the served flow set, driven and followed over the API, saved as a replay script.</summary>
public sealed class TryCallTests : IAsyncLifetime
{
    private ConsoleTestServer _server = null!;

    public async Task InitializeAsync() => _server = await ConsoleTestServer.StartAsync(withEditor: true);

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task TryCall_PlaysWelcomeWithAudio_Key1ReachesPension_StreamEndsWithHangUp_ScriptHasNoSecrets()
    {
        using var editor = await _server.SignedInAsync("editor");
        var started = await editor.PostAsync("/api/try-calls", new { });
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        var call = await ApiClient.Json(started);
        var id = call.GetProperty("id").GetString()!;
        Assert.Equal(_server.Flows.Current()!.Version, call.GetProperty("flowVersion").GetString());

        _server.Time.Advance(TimeSpan.FromSeconds(20)); // the welcome, then into the main menu's prompt
        Assert.Equal("main.main_menu", (await editor.GetJsonAsync($"/api/try-calls/{id}")).GetProperty("node").GetString());
        Assert.Equal(HttpStatusCode.Accepted, (await editor.PostAsync($"/api/try-calls/{id}/keys", new { digits = "1" })).StatusCode);
        Assert.StartsWith("identify.", (await editor.GetJsonAsync($"/api/try-calls/{id}")).GetProperty("node").GetString());

        // An ID typed in the browser: the script keeps a placeholder, never the digits.
        _server.Time.Advance(TimeSpan.FromSeconds(8));
        Assert.Equal(HttpStatusCode.Accepted, (await editor.PostAsync($"/api/try-calls/{id}/keys", new { digits = "11010519491231002*#" })).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await editor.PostAsync($"/api/try-calls/{id}/hangup", new { })).StatusCode);

        var events = await ReadStreamAsync(editor, id);
        var welcome = events.First(e => e.Type == "play").Data.GetProperty("prompts")[0];
        Assert.Equal("welcome", welcome.GetProperty("id").GetString());
        var audioUrl = welcome.GetProperty("audioUrl").GetString()!;
        Assert.Contains(events, e => e.Type == "node" && e.Data.GetProperty("node").GetString() == "main.pension");
        Assert.Equal("ended", events[^1].Type);

        var audio = await editor.GetAsync(audioUrl);
        Assert.Equal(HttpStatusCode.OK, audio.StatusCode);
        Assert.Equal("audio/wav", audio.Content.Headers.ContentType?.MediaType);
        Assert.Equal("RIFF"u8.ToArray(), (await audio.Content.ReadAsByteArrayAsync())[..4]);

        var script = await (await editor.GetAsync($"/api/try-calls/{id}/script")).Content.ReadAsStringAsync();
        Assert.Contains("expect: [welcome]", script);
        Assert.Contains("press: \"1\"", script);
        Assert.DoesNotContain("11010519491231002", script);
        Assert.Contains("expect_hangup: abandoned", script);
        var download = await editor.GetAsync($"/api/try-calls/{id}/script?download=true");
        Assert.Equal($"{id}.yaml", download.Content.Headers.ContentDisposition?.FileNameStar ?? download.Content.Headers.ContentDisposition?.FileName);
    }

    [Fact]
    public async Task Bounded_TwoPerUser_OthersCannotReachThem_AgentsCannotStart()
    {
        using var editor = await _server.SignedInAsync("editor");
        using var admin = await _server.SignedInAsync("admin");
        using var agent = await _server.SignedInAsync("agent");
        var first = (await ApiClient.Json(await editor.PostAsync("/api/try-calls", new { }))).GetProperty("id").GetString();
        Assert.Equal(HttpStatusCode.Created, (await editor.PostAsync("/api/try-calls", new { })).StatusCode);
        var third = await editor.PostAsync("/api/try-calls", new { });
        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.Contains("hang one up", (await ApiClient.Json(third)).GetProperty("message").GetString());

        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsync($"/api/try-calls/{first}/keys", new { digits = "1" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.PostAsync("/api/try-calls", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await editor.PostAsync($"/api/try-calls/{first}/keys", new { digits = "1a" })).StatusCode);

        Assert.Equal(HttpStatusCode.Accepted, (await editor.PostAsync($"/api/try-calls/{first}/hangup", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await editor.PostAsync("/api/try-calls", new { })).StatusCode);
        Assert.Contains(await _server.AccessLogAsync(), e => e.Action == "try_call" && e.Outcome == "refused");
    }

    private sealed record StreamEvent(string Type, JsonElement Data);

    private static async Task<List<StreamEvent>> ReadStreamAsync(ApiClient client, string id)
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        using var response = await client.StreamAsync($"/api/try-calls/{id}/events", limit.Token);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(limit.Token));
        var events = new List<StreamEvent>();
        string? type = null;
        while (await reader.ReadLineAsync(limit.Token) is { } line)
        {
            if (line.StartsWith("event: ", StringComparison.Ordinal)) type = line[7..];
            else if (line.StartsWith("data: ", StringComparison.Ordinal)) events.Add(new StreamEvent(type!, JsonDocument.Parse(line[6..]).RootElement));
        }

        return events;
    }
}
