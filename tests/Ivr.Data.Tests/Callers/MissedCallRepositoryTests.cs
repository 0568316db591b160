using Dapper;
using Ivr.Data.Callers;
using static Ivr.Data.Tests.Callers.CallerCareTestData;

namespace Ivr.Data.Tests.Callers;

public abstract class MissedCallRepositoryTests : IDisposable
{
    private const string Caller = "13012345273";
    private const string Other = "13900001111";
    private static readonly (string, string?) LookupOk = ("LookupCompleted", "ok");
    private static readonly (string, string?) LookupError = ("LookupCompleted", "error");
    private static readonly (string, string?) TransferAsked = ("TransferRequested", null);
    private static readonly (string, string?) TransferDone = ("TransferCompleted", "busy");
    private readonly TestDatabase _file;

    protected MissedCallRepositoryTests(TestDatabase file) => _file = file;

    [SkippableFact]
    public async Task Open_HungUpBeforeServed_OneRowPerNumberWithCountAndLastCall()
    {
        using var connection = _file.Open().OpenConnection();
        await CallAsync(connection, "c1", Caller, 0, "abandoned");
        await CallAsync(connection, "c2", Caller, 5, "abandoned", LookupError);
        await CallAsync(connection, "c3", Other, 6, "node_lost");

        var rows = await new MissedCallRepository(connection).OpenAsync(Start.AddDays(-1), 100, default);

        Assert.Equal(2, rows.Count);
        Assert.Equal(new MissedCaller(Other, 1, Start.AddMinutes(6), Start.AddMinutes(6), "c3"), rows[0]);
        Assert.Equal(new MissedCaller(Caller, 2, Start, Start.AddMinutes(5), "c2"), rows[1]);
    }

    [SkippableFact]
    public async Task Open_ServedOrNotHungUp_NotMissed_ButHangingUpDuringATransferIs()
    {
        using var connection = _file.Open().OpenConnection();
        await CallAsync(connection, "served", Caller, 0, "abandoned", LookupOk);
        await CallAsync(connection, "silent", Caller, 1, "input_failed");
        await CallAsync(connection, "failed-transfer-then-hung-up", Other, 2, "abandoned", LookupOk, TransferAsked, TransferDone);
        await CallAsync(connection, "hung-up-waiting", "13700002222", 3, "abandoned", LookupOk, TransferAsked);
        await CallAsync(connection, "withheld", "anonymous", 4, "abandoned");

        var rows = await new MissedCallRepository(connection).OpenAsync(Start.AddDays(-1), 100, default);

        Assert.Equal(["hung-up-waiting"], rows.Select(r => r.LastCallId));
    }

    [SkippableFact]
    public async Task Open_CalledBackAndServedSince_LeavesTheList_UntilTheNextMiss()
    {
        using var connection = _file.Open().OpenConnection();
        var missed = new MissedCallRepository(connection);
        await CallAsync(connection, "m1", Caller, 0, "abandoned");
        await CallAsync(connection, "served-later", Caller, 10, "completed");
        await CallAsync(connection, "m2", Other, 11, "abandoned");
        Assert.Equal(["m2"], (await missed.OpenAsync(Start.AddDays(-1), 100, default)).Select(r => r.LastCallId));

        await missed.MarkCalledBackAsync(Other, "m2", "agent1", CallbackOutcomes.Resolved, "已回电，问题已解答", Start.AddMinutes(20), default);
        Assert.Empty(await missed.OpenAsync(Start.AddDays(-1), 100, default));

        await CallAsync(connection, "m3", Other, 30, "abandoned");
        var again = Assert.Single(await missed.OpenAsync(Start.AddDays(-1), 100, default));
        Assert.Equal((Other, 1, "m3"), (again.Caller, again.Count, again.LastCallId));
        Assert.Equal(Other, await missed.CallerOfAsync("m3", default));
        Assert.Null(await missed.CallerOfAsync("nope", default));
    }

    [SkippableFact]
    public async Task DueDate_NextWorkingDayAfterTheFirstMiss()
    {
        var friday = new MissedCaller(Caller, 1, new DateTimeOffset(2026, 11, 27, 23, 30, 0, TimeSpan.FromHours(8)), Start, "c");
        Assert.Equal(new DateOnly(2026, 11, 30), friday.Due(Ivr.Data.Services.WeekendCalendar.CountWorkingDays).Date);
    }

    [SkippableFact]
    public async Task NoAnswerOrRescheduled_KeepTheNumber_DueTheNextWorkingDayAfterTheMark_ResolvedClosesIt()
    {
        using var connection = _file.Open().OpenConnection();
        var missed = new MissedCallRepository(connection);
        await CallAsync(connection, "m1", Caller, 0, "abandoned");
        await CallAsync(connection, "m2", Caller, 5, "abandoned");
        var wednesday = Start.AddDays(2);

        await missed.MarkCalledBackAsync(Caller, "m2", "agent1", CallbackOutcomes.NoAnswer, null, wednesday, default);
        var kept = Assert.Single(await missed.OpenAsync(Start.AddDays(-1), 100, default));
        Assert.Equal((2, "m2", 1, true), (kept.Count, kept.LastCallId, kept.Attempts, kept.Open));
        Assert.Equal(new CallbackMark(CallbackOutcomes.NoAnswer, null, "agent1", wednesday), kept.LastMark);
        Assert.Equal(new DateOnly(2026, 11, 26), kept.Due(Ivr.Data.Services.WeekendCalendar.CountWorkingDays).Date);

        await missed.MarkCalledBackAsync(Caller, "m2", "agent2", CallbackOutcomes.Rescheduled, "周五上午再打", wednesday.AddHours(1), default);
        var rescheduled = Assert.Single(await missed.OpenAsync(Start.AddDays(-1), 100, default));
        Assert.Equal((CallbackOutcomes.Rescheduled, "周五上午再打", 2), (rescheduled.LastMark!.Outcome, rescheduled.LastMark.Note, rescheduled.Attempts));

        await missed.MarkCalledBackAsync(Caller, "m2", "agent2", CallbackOutcomes.Resolved, null, wednesday.AddHours(2), default);
        Assert.Empty(await missed.OpenAsync(Start.AddDays(-1), 100, default));
        var closed = Assert.Single(await missed.ListAsync(Start.AddDays(-1), 100, includeClosed: true, default));
        Assert.Equal((2, CallbackOutcomes.Resolved, 3, false), (closed.Count, closed.LastMark!.Outcome, closed.Attempts, closed.Open));

        await CallAsync(connection, "m3", Caller, 3 * 24 * 60, "abandoned");
        var again = Assert.Single(await missed.ListAsync(Start.AddDays(-1), 100, includeClosed: true, default));
        Assert.Equal((1, "m3", null, true), (again.Count, again.LastCallId, again.LastMark, again.Open));
    }

    [SkippableFact]
    public async Task InvalidNumber_ClosesTheNumber_AMarkWithNothingOpenChangesNothing()
    {
        using var connection = _file.Open().OpenConnection();
        var missed = new MissedCallRepository(connection);
        await CallAsync(connection, "m1", Caller, 0, "abandoned");
        await missed.MarkCalledBackAsync(Caller, "m1", "agent1", CallbackOutcomes.InvalidNumber, "空号", Start.AddMinutes(10), default);
        await missed.MarkCalledBackAsync(Caller, "m1", "agent1", CallbackOutcomes.NoAnswer, null, Start.AddMinutes(20), default);

        Assert.Empty(await missed.OpenAsync(Start.AddDays(-1), 100, default));
        var closed = Assert.Single(await missed.ListAsync(Start.AddDays(-1), 100, includeClosed: true, default));
        Assert.Equal(new CallbackMark(CallbackOutcomes.InvalidNumber, "空号", "agent1", Start.AddMinutes(10)), closed.LastMark);
    }

    [SkippableFact]
    public async Task MarkCalledBack_UnknownOutcome_Refused()
    {
        using var connection = _file.Open().OpenConnection();

        await Assert.ThrowsAsync<ArgumentException>(() =>
            new MissedCallRepository(connection).MarkCalledBackAsync(Caller, "m1", "agent1", "已回电", null, Start, default));
    }

    [SkippableFact]
    public async Task Migration19_MarksWrittenBefore_KeepTheirTextAsNote_AsOther()
    {
        using (var old = _file.Open().OpenConnection()) // back to version 18's table, with a free-text mark
        {
            await CallAsync(old, "m1", Caller, 0, "abandoned");
            await old.ExecuteAsync("ALTER TABLE callback_marks DROP COLUMN note; DELETE FROM schema_version WHERE version = 19;");
            await old.ExecuteAsync("INSERT INTO callback_marks (caller, call_id, marked_at, marked_by, outcome) VALUES (@Caller, 'm1', @at, 'agent1', '已回电，已解答');",
                new { Caller, at = DbTime.ToText(Start.AddMinutes(10)) });
        }

        using var connection = _file.Open().OpenConnection();
        var closed = Assert.Single(await new MissedCallRepository(connection).ListAsync(Start.AddDays(-1), 100, includeClosed: true, default));
        Assert.Equal(new CallbackMark(CallbackOutcomes.Other, "已回电，已解答", "agent1", Start.AddMinutes(10)), closed.LastMark);
    }

    public void Dispose() => _file.Dispose();
}

public sealed class MissedCallRepositoryOnSqliteTests() : MissedCallRepositoryTests(new TempDatabase());

[Collection(PostgresCollection.Name)]
public sealed class MissedCallRepositoryOnPostgresTests(PostgresServer server) : MissedCallRepositoryTests(server.NewDatabase());
