using Ivr.Data.Callers;
using Ivr.Data.Messages;
using Ivr.Data.Operations;

namespace Ivr.Data.Tests.Callers;

public abstract class CallerFlagRepositoryTests : IDisposable
{
    private const string Caller = "13012345273";
    private static readonly DateTimeOffset At = CallerCareTestData.Start;
    private readonly TestDatabase _file;

    protected CallerFlagRepositoryTests(TestDatabase file) => _file = file;

    [SkippableFact]
    public async Task Active_UntilExpiryOrRemoval()
    {
        using var connection = _file.Open().OpenConnection();
        var flags = new CallerFlagRepository(connection);
        var expiring = await flags.AddAsync(Caller, "harassment", "反复骚扰", "lead1", At, At.AddDays(7), default);

        Assert.Equal("harassment", (await flags.ActiveAsync(Caller, At.AddDays(1), default))?.ReasonClass);
        Assert.Null(await flags.ActiveAsync(Caller, At.AddDays(7), default));
        Assert.Null(await flags.ActiveAsync("13900001111", At, default));

        var lasting = await flags.AddAsync(Caller, "abuse", "辱骂工作人员", "lead1", At.AddMinutes(1), null, default);
        Assert.Equal([lasting, expiring], (await flags.ActiveListAsync(At.AddDays(1), 10, default)).Select(f => f.Id));
        Assert.True(await flags.RemoveAsync(lasting, "lead2", At.AddDays(2), default));
        Assert.False(await flags.RemoveAsync(lasting, "lead2", At.AddDays(2), default));
        Assert.Null(await flags.ActiveAsync(Caller, At.AddDays(8), default));
        Assert.Equal("lead2", (await flags.FindAsync(lasting, default))?.RemovedBy);
    }

    [SkippableFact]
    public async Task Messages_EmergencyThenComplaintsFirst_EmergencyMarkedOnce()
    {
        using var connection = _file.Open().OpenConnection();
        var messages = new VoiceMessageRepository(connection);
        var early = await messages.InsertAsync("c1", "a.wav", Caller, "voice_message", At, new DateOnly(2026, 11, 25), default);
        var complaint = await messages.InsertAsync("c2", "b.wav", Caller, "complaint_misconduct", At, new DateOnly(2026, 11, 30), default);
        var urgent = await messages.InsertAsync("c3", "c.wav", Caller, "after_hours", At, new DateOnly(2026, 12, 1), default);
        var marks = new EmergencyMarks(connection);

        Assert.True(await marks.MarkAsync(urgent, "lead1", At.AddHours(1), default));
        Assert.False(await marks.MarkAsync(urgent, "lead2", At.AddHours(2), default));
        Assert.False(await marks.MarkAsync(999, "lead2", At.AddHours(2), default));

        var listed = await new WorkItemRepository(connection).ListAsync(WorkItemKind.Message, true, null, 10, default);
        Assert.Equal([urgent, complaint, early], listed.Select(m => m.Id));
        Assert.Equal((true, "lead1"), (listed[0].EmergencyAt is not null, listed[0].EmergencyBy));
        Assert.True(listed[1].IsComplaint);
        Assert.Empty(await new WorkItemRepository(connection).ListAsync(WorkItemKind.FollowUp, true, null, 10, default));
        var open = Assert.Single(await marks.OpenAsync(10, default));
        Assert.Equal((urgent, "lead1"), (open.Id, open.MarkedBy));
    }

    public void Dispose() => _file.Dispose();
}

public sealed class CallerFlagRepositoryOnSqliteTests() : CallerFlagRepositoryTests(new TempDatabase());

[Collection(PostgresCollection.Name)]
public sealed class CallerFlagRepositoryOnPostgresTests(PostgresServer server) : CallerFlagRepositoryTests(server.NewDatabase());
