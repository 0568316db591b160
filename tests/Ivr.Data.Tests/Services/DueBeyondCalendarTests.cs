using Ivr.Core.Calendar;
using Ivr.Data.FollowUps;
using Ivr.Data.Messages;
using Ivr.Data.Operations;
using Ivr.Data.Services;
using Ivr.Data.Spool;

namespace Ivr.Data.Tests.Services;

/// <summary>
/// A callback due date counted past the last year the holiday calendar lists is stored marked (M018) with the voice
/// message, the follow-up and the incomplete message, and read back by the repositories and the work list (issue 15, item 7).
/// The calendar here lists 2026 only; the fake clock stands on Monday 2026-12-28, five working days before 2027-01-04.
/// </summary>
public abstract class DueBeyondCalendarTests : IDisposable
{
    private static readonly DateTimeOffset NewYearWeek = new(2026, 12, 28, 10, 0, 0, TimeSpan.FromHours(8));
    private readonly ServiceFixture _f;
    private readonly ServiceLookupService _service;
    private readonly string _spoolFolder = Directory.CreateTempSubdirectory("ivr-due-spool-").FullName;

    protected DueBeyondCalendarTests(TestDatabase file)
    {
        _f = new ServiceFixture(file);
        _service = new ServiceLookupService(_f.Database, _f.Time, Calendar2026().CountWorkingDays);
    }

    [SkippableFact]
    public async Task VoiceMessageSave_DueInAYearTheCalendarLacks_MarkedOnTheMessageAndTheWorkList()
    {
        _f.Time.SetUtcNow(NewYearWeek);

        var result = await RunAsync("voice_message.save", ("recording", "rec/call-1.wav"), ("callback_number", "13912345678"));

        Assert.Equal("2027-01-04", result.Outputs["due_date"]); // the caller hears the estimate, as before
        var message = Assert.Single(await OpenMessagesAsync());
        Assert.Equal((new DateOnly(2027, 1, 4), true), (message.DueDate, message.DueBeyondCalendar));
        Assert.True(Assert.Single(await WorkItemsAsync(WorkItemKind.Message)).DueBeyondCalendar);
    }

    [SkippableFact]
    public async Task VoiceMessageSave_DueInsideTheCalendar_NotMarked()
    {
        var result = await RunAsync("voice_message.save", ("recording", "rec/call-1.wav"), ("callback_number", "13912345678"));

        Assert.Equal("2026-11-30", result.Outputs["due_date"]);
        Assert.False(Assert.Single(await OpenMessagesAsync()).DueBeyondCalendar);
        Assert.False(Assert.Single(await WorkItemsAsync(WorkItemKind.Message)).DueBeyondCalendar);
    }

    [SkippableFact]
    public async Task FollowUpAndDissatisfiedSurvey_DueInAYearTheCalendarLacks_Marked()
    {
        _f.Time.SetUtcNow(NewYearWeek);

        await RunAsync("followup.create", ("reason", "transfer_failed"));
        await RunAsync("survey.save", ("score", "3"));

        using var connection = _f.Database.OpenConnection();
        var followUps = await new FollowUpRepository(connection).ForCallAsync("call-1", default);
        Assert.Equal(2, followUps.Count);
        Assert.All(followUps, f => Assert.Equal((new DateOnly(2027, 1, 4), true), (f.DueDate, f.DueBeyondCalendar)));
        Assert.All(await WorkItemsAsync(WorkItemKind.FollowUp), i => Assert.True(i.DueBeyondCalendar));
    }

    [SkippableFact]
    public async Task FollowUp_WithoutACalendar_NeverMarked()
    {
        _f.Time.SetUtcNow(NewYearWeek);

        await _f.RunAsync("followup.create", ("reason", "transfer_failed")); // the fixture's service counts weekends only

        Assert.False(Assert.Single(await WorkItemsAsync(WorkItemKind.FollowUp)).DueBeyondCalendar);
    }

    [SkippableFact]
    public async Task IncompleteMessage_DueInAYearTheCalendarLacks_Marked()
    {
        _f.Time.SetUtcNow(NewYearWeek);
        var store = new IncompleteMessages(_f.Database, _f.Time, Calendar2026().CountWorkingDays);

        await store.StoreAsync("lost-1.wav", _ => false, default);

        var message = Assert.Single(await OpenMessagesAsync());
        Assert.True(message.Incomplete);
        Assert.Equal((new DateOnly(2027, 1, 4), true), (message.DueDate, message.DueBeyondCalendar));
    }

    [SkippableFact]
    public async Task Spool_KeepsTheMark_AndAFileFromBeforeItReadsUnmarked()
    {
        var spool = new CallerRequestSpool(_spoolFolder, _ => { });
        spool.Hold(new SpooledVoiceMessage("call-2", "rec/call-2.wav", "13912345678", "voice_message", NewYearWeek, new DateOnly(2027, 1, 4), DueBeyondCalendar: true));
        File.WriteAllText(Path.Combine(_spoolFolder, "00000000000000000001-old.json"), """
            {"kind":"voice_message","CallId":"call-3","Recording":"rec/call-3.wav","CallbackNumber":"13912345679","Reason":"voice_message",
             "CreatedAt":"2026-11-23T02:00:00+00:00","DueDate":"2026-11-30"}
            """);

        Assert.Equal(2, await spool.FlushAsync(_f.Database, default));

        var messages = await OpenMessagesAsync();
        Assert.True(Assert.Single(messages, m => m.CallId == "call-2").DueBeyondCalendar);
        Assert.False(Assert.Single(messages, m => m.CallId == "call-3").DueBeyondCalendar);
    }

    /// <summary>The 2026 calendar only (its National Day week and one make-up day are enough to cover the year).</summary>
    private static ServiceCalendar Calendar2026() => new(TimeSpan.FromHours(8), [WeeklySchedule.Always("self_service")],
        [new PublicHoliday("国庆节", new DateOnly(2026, 10, 1), new DateOnly(2026, 10, 7))], [new MakeUpWorkingDay(new DateOnly(2026, 10, 10), "国庆节调休")]);

    private Task<Ivr.Core.Lookups.LookupResult> RunAsync(string operation, params (string Name, string Value)[] inputs)
    {
        var map = new Dictionary<string, string> { ["call_id"] = "call-1", ["caller"] = "13012345273" };
        foreach (var (name, value) in inputs) map[name] = value;
        return _service.ExecuteAsync(operation, map, CancellationToken.None).AsTask();
    }

    private async Task<IReadOnlyList<VoiceMessage>> OpenMessagesAsync()
    {
        using var connection = _f.Database.OpenConnection();
        return await new VoiceMessageRepository(connection).OpenAsync(10, default);
    }

    private async Task<IReadOnlyList<WorkItem>> WorkItemsAsync(WorkItemKind kind)
    {
        using var connection = _f.Database.OpenConnection();
        return await new WorkItemRepository(connection).ListAsync(kind, true, null, 10, default);
    }

    public void Dispose()
    {
        _f.Dispose();
        Directory.Delete(_spoolFolder, recursive: true);
    }
}

public sealed class DueBeyondCalendarOnSqliteTests() : DueBeyondCalendarTests(new TempDatabase());

[Collection(PostgresCollection.Name)]
public sealed class DueBeyondCalendarOnPostgresTests(PostgresServer server) : DueBeyondCalendarTests(server.NewDatabase());
