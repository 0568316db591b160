using System.Net;
using Dapper;
using Ivr.Core.Calls;
using Ivr.Data.Calls;
using Ivr.OperationsConsole.Tests.Support;
using Ivr.Runtime.Replay;

namespace Ivr.OperationsConsole.Tests;

public sealed class CallExportTests : IAsyncLifetime
{
    private ConsoleTestServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await ConsoleTestServer.StartAsync();
        var seeder = new CallSeeder(_server);
        var at = _server.Time.GetUtcNow().AddHours(-1);
        seeder.Call("call-1", "13012345273", at, "completed",
            CallSeeder.Entered("main.main_menu"),
            (CallEventKind.PromptPlayed, "main.main_menu", null, "main_menu"),
            (CallEventKind.DigitsReceived, "main.main_menu", null, "1"),
            CallSeeder.Entered("identify.id"),
            (CallEventKind.DigitsReceived, "identify.id", null, "110105********002X"),
            (CallEventKind.LookupCompleted, "pension.fetch", "ok", "pension.summary 12ms"),
            (CallEventKind.NodeLeft, "pension.fetch", "ok", null));
        seeder.Call("call-2", "13900001111", at.AddMinutes(5), "transferred", CallSeeder.Entered("main.main_menu"), (CallEventKind.TransferRequested, "agent.transfer", null, "general"));
        seeder.Flush();
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task ReplayScriptDownload_EqualsCallScriptWriter_AndIsLoggedAsAnExport()
    {
        using var supervisor = await _server.SignedInAsync("supervisor");

        var response = await supervisor.GetAsync("api/calls/call-1/script");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        var history = new SqliteCallHistory(_server.Database);
        var expected = CallScriptWriter.Write(history.Find("call-1")!, history.Events("call-1"));
        Assert.Equal(expected, await response.Content.ReadAsStringAsync());
        Assert.Contains(await _server.AccessLogAsync(), e => e is { Action: "export_script", User: "supervisor", Target: "call:call-1", Outcome: "ok" });
    }

    [Fact]
    public async Task Search_ByNumberEnding_FindsTheCall_AndShowsItMasked()
    {
        using var supervisor = await _server.SignedInAsync("supervisor");

        var found = await supervisor.GetJsonAsync("api/calls?number=5273");
        var byDisposition = await supervisor.GetJsonAsync("api/calls?disposition=transferred");
        var tooShort = await supervisor.GetAsync("api/calls?number=73");

        var call = Assert.Single(found.EnumerateArray());
        Assert.Equal("call-1", call.GetProperty("callId").GetString());
        Assert.Equal("130*****273", call.GetProperty("callerMasked").GetString());
        Assert.Equal("call-2", Assert.Single(byDisposition.EnumerateArray()).GetProperty("callId").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, tooShort.StatusCode);
    }

    [Fact]
    public async Task CallPage_OfAPrunedCall_StillShowsItsPath()
    {
        using var supervisor = await _server.SignedInAsync("supervisor");
        await using (var connection = await _server.Database.OpenConnectionAsync(CancellationToken.None))
            await connection.ExecuteAsync("DELETE FROM call_events WHERE call_id = 'call-1';"); // as the retention prune does

        var page = await supervisor.GetJsonAsync("api/calls/call-1");

        Assert.Equal(["main.main_menu", "identify.id"], page.GetProperty("call").GetProperty("path").EnumerateArray().Select(n => n.GetString()));
        Assert.Empty(page.GetProperty("events").EnumerateArray());
    }

    [Fact]
    public async Task Timeline_ListsTheEventsInOrder()
    {
        using var supervisor = await _server.SignedInAsync("supervisor");
        var timeline = await supervisor.GetJsonAsync("api/calls/call-1");
        var kinds = timeline.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("kind").GetString()).ToList();
        Assert.Equal("CallStarted", kinds[0]);
        Assert.Equal("CallEnded", kinds[^1]);
        Assert.Equal(HttpStatusCode.NotFound, (await supervisor.GetAsync("api/calls/no-such-call")).StatusCode);
    }

    [Fact]
    public async Task CsvExport_HasEveryCall_AndIsLogged()
    {
        using var supervisor = await _server.SignedInAsync("supervisor");
        var csv = await (await supervisor.GetAsync("api/calls/export.csv")).Content.ReadAsStringAsync();
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("call_id,caller_masked", lines[0]);
        Assert.Contains(await _server.AccessLogAsync(), e => e is { Action: "export_csv", User: "supervisor" });
    }

    [Fact]
    public async Task CsvExport_ShowsACallsPath_AfterItsEventsArePruned()
    {
        using (var connection = _server.Database.OpenConnection()) connection.Execute("DELETE FROM call_events;");
        using var supervisor = await _server.SignedInAsync("supervisor");

        var csv = await (await supervisor.GetAsync("api/calls/export.csv")).Content.ReadAsStringAsync();

        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.EndsWith(",completed,main.main_menu identify.id", lines.Single(l => l.StartsWith("call-1,", StringComparison.Ordinal)));
        Assert.EndsWith(",transferred,main.main_menu", lines.Single(l => l.StartsWith("call-2,", StringComparison.Ordinal)));
    }
}
