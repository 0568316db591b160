using System.Net;
using Ivr.Core.Calls;
using Ivr.OperationsConsole.Tests.Support;

namespace Ivr.OperationsConsole.Tests.Callers;

/// <summary><c>/api/missed</c> (回拨): one row per caller number, masked; "called back" with an outcome class, audited; overdue for supervisors.</summary>
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

        var response = await agent.PostAsync("api/missed/m-2/called-back", new { outcome = "resolved", note = "已回电，已解答" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, (await agent.GetJsonAsync("api/missed")).GetArrayLength());
        var entry = (await _server.AccessLogAsync()).First(e => e.Action == "missed_called_back");
        Assert.Equal(("agent", $"caller:{Masked}", "ok", "call:m-2 resolved"), (entry.User, entry.Target, entry.Outcome, entry.Detail));
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
    [InlineData("api/missed/nope/called-back", "{\"outcome\":\"resolved\"}", HttpStatusCode.NotFound)]
    [InlineData("api/missed/m-2/called-back", "{\"outcome\":\"  \"}", HttpStatusCode.BadRequest)]
    [InlineData("api/missed/m-2/called-back", "{\"outcome\":\"已回电，已解答\"}", HttpStatusCode.BadRequest)]
    [InlineData("api/missed/m-2/called-back", "{\"outcome\":\"Resolved\"}", HttpStatusCode.BadRequest)]
    [InlineData("api/missed/m-2/called-back", "{\"note\":\"已回电\"}", HttpStatusCode.BadRequest)]
    public async Task CalledBack_UnknownCallOrNoOutcome_Refused(string path, string body, HttpStatusCode expected)
    {
        using var agent = await _server.SignedInAsync("agent");

        var response = await agent.PostAsync(path, System.Text.Json.JsonDocument.Parse(body).RootElement);

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal(1, (await agent.GetJsonAsync("api/missed")).GetArrayLength());
    }

    [Fact]
    public async Task CalledBack_NoteOverFiveHundredCharacters_Refused()
    {
        using var agent = await _server.SignedInAsync("agent");

        var response = await agent.PostAsync("api/missed/m-2/called-back", new { outcome = "other", note = new string('长', 501) });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task NoAnswer_KeepsTheRow_WithItsOutcome_ResolvedClosesIt_FilterByOutcome()
    {
        _server.Time.Advance(TimeSpan.FromDays(1)); // Tuesday: the first miss was due today
        using var agent = await _server.SignedInAsync("agent");

        var kept = await agent.PostAsync("api/missed/m-2/called-back", new { outcome = "no_answer" });

        Assert.Equal(HttpStatusCode.OK, kept.StatusCode);
        var row = (await agent.GetJsonAsync("api/missed")).EnumerateArray().Single();
        Assert.Equal(("no_answer", 1, true, "2026-11-25"), (row.GetProperty("lastOutcome").GetString(), row.GetProperty("attempts").GetInt32(),
            row.GetProperty("open").GetBoolean(), row.GetProperty("dueDate").GetString()));
        Assert.Equal("agent", row.GetProperty("lastMarkedBy").GetString());
        Assert.Equal(1, (await agent.GetJsonAsync("api/missed?outcome=no_answer")).GetArrayLength());
        Assert.Equal(0, (await agent.GetJsonAsync("api/missed?outcome=none")).GetArrayLength());

        await agent.PostAsync("api/missed/m-2/called-back", new { outcome = "rescheduled", note = "约周四上午" });
        Assert.Equal("约周四上午", (await agent.GetJsonAsync("api/missed?outcome=rescheduled")).EnumerateArray().Single().GetProperty("lastNote").GetString());

        await agent.PostAsync("api/missed/m-2/called-back", new { outcome = "resolved", note = "已解答" });
        Assert.Equal(0, (await agent.GetJsonAsync("api/missed")).GetArrayLength());
        var closed = (await agent.GetJsonAsync("api/missed?outcome=resolved")).EnumerateArray().Single();
        Assert.Equal(("m-2", false, 3, System.Text.Json.JsonValueKind.Null), (closed.GetProperty("id").GetString(), closed.GetProperty("open").GetBoolean(),
            closed.GetProperty("attempts").GetInt32(), closed.GetProperty("dueDate").ValueKind));
        Assert.Equal(0, (await agent.GetJsonAsync("api/missed?outcome=invalid_number")).GetArrayLength());
    }

    [Fact]
    public async Task List_UnknownOutcomeFilter_Refused()
    {
        using var agent = await _server.SignedInAsync("agent");

        Assert.Equal(HttpStatusCode.BadRequest, (await agent.GetAsync("api/missed?outcome=called")).StatusCode);
    }

    [Fact]
    public async Task Editor_Refused()
    {
        using var editor = await _server.SignedInAsync("editor");

        Assert.Equal(HttpStatusCode.Forbidden, (await editor.GetAsync("api/missed")).StatusCode);
    }
}
