using System.Text.Json;
using Ivr.Core.Calendar;
using Ivr.Data.FollowUps;
using Ivr.Data.Messages;
using Ivr.OperationsConsole.Tests.Support;

namespace Ivr.OperationsConsole.Tests.Work;

/// <summary>
/// <c>dueBeyondCalendar</c> in the work API (issue 15, item 7): a voice message or follow-up stored with a due date counted
/// past the calendar's last year says so, and a missed-call row due in a year the repository's calendar.yaml lacks (it lists
/// 2026 only) is marked when listed.
/// </summary>
public sealed class DueBeyondCalendarApiTests : IAsyncLifetime
{
    /// <summary>Thursday 2026-12-31 10:00 in Beijing: the next working day is in 2027.</summary>
    private static readonly DateTimeOffset NewYearsEve = new(2026, 12, 31, 2, 0, 0, TimeSpan.Zero);
    private ConsoleTestServer _server = null!;
    private long _estimated;
    private long _known;

    public async Task InitializeAsync()
    {
        _server = await ConsoleTestServer.StartAsync();
        var now = _server.Time.GetUtcNow();
        await using var connection = await _server.Database.OpenConnectionAsync(CancellationToken.None);
        var messages = new VoiceMessageRepository(connection);
        _estimated = await messages.InsertAsync("call-1", "call-1-1.wav", "13912345678", "pension", now, new WorkingDayDate(new DateOnly(2027, 1, 7), true), default);
        _known = await messages.InsertAsync("call-2", "call-2-1.wav", "13912345679", "pension", now, new DateOnly(2026, 11, 30), default);
        await new FollowUpRepository(connection).InsertAsync("call-1", "dissatisfied", now, new WorkingDayDate(new DateOnly(2027, 1, 7), true), default);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Messages_StoredBeyondTheCalendar_AreMarked_OthersNot()
    {
        using var supervisor = await _server.SignedInAsync("supervisor");

        var rows = (await supervisor.GetJsonAsync("api/messages?status=all")).EnumerateArray().ToDictionary(r => r.GetProperty("id").GetInt64());

        Assert.True(rows[_estimated].GetProperty("dueBeyondCalendar").GetBoolean());
        Assert.Equal("2027-01-07", rows[_estimated].GetProperty("dueDate").GetString());
        Assert.False(rows[_known].GetProperty("dueBeyondCalendar").GetBoolean());
    }

    [Fact]
    public async Task FollowUps_StoredBeyondTheCalendar_AreMarked()
    {
        using var supervisor = await _server.SignedInAsync("supervisor");

        var row = (await supervisor.GetJsonAsync("api/follow-ups")).EnumerateArray().Single();

        Assert.True(row.GetProperty("dueBeyondCalendar").GetBoolean());
    }

    [Fact]
    public async Task AssignAndDone_AnswerWithTheMark()
    {
        using var supervisor = await _server.SignedInAsync("supervisor");

        var assigned = await supervisor.PostAsync($"api/messages/{_estimated}/assign", new { user = "agent" });

        var body = JsonDocument.Parse(await assigned.Content.ReadAsStringAsync()).RootElement;
        Assert.True(body.GetProperty("dueBeyondCalendar").GetBoolean());
    }

    [Fact]
    public async Task MissedCalls_DueInAYearTheCalendarLacks_Marked_InsideItNot()
    {
        _server.Time.SetUtcNow(NewYearsEve);
        var calls = new CallSeeder(_server);
        calls.Call("inside", "13800001111", NewYearsEve.AddDays(-14), "abandoned", CallSeeder.Entered("main_menu")); // Thursday 12-17
        calls.Call("beyond", "13800002222", NewYearsEve.AddHours(-1), "abandoned", CallSeeder.Entered("main_menu"));
        calls.Flush();
        using var supervisor = await _server.SignedInAsync("supervisor");

        var rows = (await supervisor.GetJsonAsync("api/missed")).EnumerateArray().ToDictionary(r => r.GetProperty("id").GetString()!);

        Assert.Equal(("2027-01-01", true), (rows["beyond"].GetProperty("dueDate").GetString(), rows["beyond"].GetProperty("dueBeyondCalendar").GetBoolean()));
        Assert.Equal(("2026-12-18", false), (rows["inside"].GetProperty("dueDate").GetString(), rows["inside"].GetProperty("dueBeyondCalendar").GetBoolean()));
    }
}
