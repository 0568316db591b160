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

        await missed.MarkCalledBackAsync(Other, "m2", "agent1", "已回电，问题已解答", Start.AddMinutes(20), default);
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
        Assert.Equal(new DateOnly(2026, 11, 30), friday.DueDate(Ivr.Data.Services.WeekendCalendar.AddWorkingDays));
    }

    public void Dispose() => _file.Dispose();
}

public sealed class MissedCallRepositoryOnSqliteTests() : MissedCallRepositoryTests(new TempDatabase());

[Collection(PostgresCollection.Name)]
public sealed class MissedCallRepositoryOnPostgresTests(PostgresServer server) : MissedCallRepositoryTests(server.NewDatabase());
