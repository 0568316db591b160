using System.Net;
using Ivr.Core.Calls;
using Ivr.OperationsConsole.Tests.Support;

namespace Ivr.OperationsConsole.Tests.Callers;

/// <summary><c>/api/missed</c> (回拨): one row per caller number, masked; "called back" audited; overdue for supervisors.</summary>
public sealed class MissedCallTests : IAsyncLifetime
{
    private const string Caller = "13912345678";
    private const string Masked = "139*****678";
    private ConsoleTestServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await ConsoleTestServer.StartAsync();
        var now = _server.Time.GetUtcNow();
        var calls = new CallSeeder(_server);
        calls.Call("m-1", Caller, now.AddHours(-2), "abandoned", CallSeeder.Entered("main_menu"));
        calls.Call("m-2", Caller, now.AddHours(-1), "abandoned", (CallEventKind.TransferRequested, "transfer", null, "general"));
        calls.Call("served", "13800001111", now.AddHours(-1), "abandoned", (CallEventKind.LookupCompleted, "pension", "ok", "pension.summary 20 ms"));
        calls.Flush();
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Agent_SeesOneMaskedRowPerNumber_MarksItCalledBack_Audited()
    {
        using var agent = await _server.SignedInAsync("agent");

        var row = (await agent.GetJsonAsync("api/missed")).EnumerateArray().Single();
        Assert.Equal(("m-2", Masked, 2, false), (row.GetProperty("id").GetString(), row.GetProperty("callerMasked").GetString(),
            row.GetProperty("missedCalls").GetInt32(), row.GetProperty("overdue").GetBoolean()));
        Assert.Equal("2026-11-24", row.GetProperty("dueDate").GetString());

        var response = await agent.PostAsync("api/missed/m-2/called-back", new { outcome = "已回电，已解答" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, (await agent.GetJsonAsync("api/missed")).GetArrayLength());
        var entry = (await _server.AccessLogAsync()).First(e => e.Action == "missed_called_back");
        Assert.Equal(("agent", $"caller:{Masked}", "ok"), (entry.User, entry.Target, entry.Outcome));
        Assert.DoesNotContain(Caller, _server.Log.BodiesAsText());
    }

    [Fact]
    public async Task Overdue_AfterTheNextWorkingDay_OnlySupervisorsListThem()
    {
        _server.Time.Advance(TimeSpan.FromDays(2)); // Wednesday: due Tuesday
        using var agent = await _server.SignedInAsync("agent");
        using var supervisor = await _server.SignedInAsync("supervisor");

        Assert.True((await agent.GetJsonAsync("api/missed")).EnumerateArray().Single().GetProperty("overdue").GetBoolean());
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.GetAsync("api/missed?overdue=only")).StatusCode);
        Assert.Equal("m-2", (await supervisor.GetJsonAsync("api/missed?overdue=only")).EnumerateArray().Single().GetProperty("id").GetString());
    }

    [Theory]
    [InlineData("api/missed/nope/called-back", "{\"outcome\":\"x\"}", HttpStatusCode.NotFound)]
    [InlineData("api/missed/m-2/called-back", "{\"outcome\":\"  \"}", HttpStatusCode.BadRequest)]
    public async Task CalledBack_UnknownCallOrNoOutcome_Refused(string path, string body, HttpStatusCode expected)
    {
        using var agent = await _server.SignedInAsync("agent");

        var response = await agent.PostAsync(path, System.Text.Json.JsonDocument.Parse(body).RootElement);

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal(1, (await agent.GetJsonAsync("api/missed")).GetArrayLength());
    }

    [Fact]
    public async Task Editor_Refused()
    {
        using var editor = await _server.SignedInAsync("editor");

        Assert.Equal(HttpStatusCode.Forbidden, (await editor.GetAsync("api/missed")).StatusCode);
    }
}
