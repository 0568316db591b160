using Ivr.Data.Messages;

namespace Ivr.Data.Tests.Messages;

public abstract class VoiceMessageRepositoryTests : IDisposable
{
    private static readonly DateTimeOffset At = new(2026, 11, 23, 10, 0, 0, TimeSpan.FromHours(8));
    private readonly TestDatabase _file;

    protected VoiceMessageRepositoryTests(TestDatabase file) => _file = file;

    [SkippableFact]
    public async Task Open_EarliestDueFirst_CalledBackLeaveTheList()
    {
        using var connection = _file.Open().OpenConnection();
        var messages = new VoiceMessageRepository(connection);
        var late = await messages.InsertAsync("c1", "r1.wav", "13900000001", "pension", At, new DateOnly(2026, 12, 4), default);
        var early = await messages.InsertAsync("c2", "r2.wav", "13900000002", "card", At, new DateOnly(2026, 11, 30), default);
        var done = await messages.InsertAsync("c3", "r3.wav", "13900000003", "card", At, new DateOnly(2026, 11, 29), default);

        Assert.True(await messages.SetStatusAsync(done, VoiceMessageStatus.CalledBack, "answered", default));
        Assert.True(await messages.SetStatusAsync(late, VoiceMessageStatus.Assigned, null, default));

        var open = await messages.OpenAsync(10, default);
        Assert.Equal([early, late], open.Select(m => m.Id));
        Assert.Equal(VoiceMessageStatus.Assigned, open[1].Status);
        Assert.Equal(At, open[0].CreatedAt);
    }

    [SkippableFact]
    public async Task StoreIncomplete_FindsTheCallByItsRecordingNameAndStoresOnce()
    {
        var database = _file.Open();
        using (var connection = database.OpenConnection())
        {
            foreach (var (id, caller, started) in new[] { ("a@host", "13900000001", "2026-11-23T01:00:00.0000000+00:00"), ("b@host", "13900000002", "2026-11-23T02:00:00.0000000+00:00") })
                await Dapper.SqlMapper.ExecuteAsync(connection, "INSERT INTO calls (id, caller, caller_masked, dialled, flow, flow_version, started_at) VALUES (@id, @caller, 'x', '12333', 'main', 'v1', @started);",
                    new { id, caller, started });
            await new VoiceMessageRepository(connection).InsertAsync("a@host", "saved.wav", "13900000001", "voice_message", At, new DateOnly(2026, 11, 30), default);
        }

        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(At);
        var store = new IncompleteMessages(database, clock, (from, days) => new(from.AddDays(days), false));
        var stored = await store.StoreAsync("b_host-1.wav", callId => callId == "b@host", default);
        Assert.Null(await store.StoreAsync("b_host-1.wav", callId => callId == "b@host", default));

        using var reading = database.OpenConnection();
        var open = await new VoiceMessageRepository(reading).OpenAsync(10, default);
        var recovered = Assert.Single(open, m => m.Incomplete);
        Assert.Equal(stored, recovered.Id);
        Assert.Equal(("b@host", "13900000002", "b_host-1.wav", "voice_message"), (recovered.CallId, recovered.CallbackNumber, recovered.Recording, recovered.Reason));
        Assert.Equal(new DateOnly(2026, 11, 28), recovered.DueDate);
        Assert.False(Assert.Single(open, m => m.Recording == "saved.wav").Incomplete);
        var items = await new Ivr.Data.Operations.WorkItemRepository(reading).ListAsync(Ivr.Data.Operations.WorkItemKind.Message, true, null, 10, default);
        Assert.Equal([false, true], items.OrderBy(i => i.Id).Select(i => i.Incomplete));
    }

    public void Dispose() => _file.Dispose();
}

public sealed class VoiceMessageRepositoryOnSqliteTests() : VoiceMessageRepositoryTests(new TempDatabase());

[Collection(PostgresCollection.Name)]
public sealed class VoiceMessageRepositoryOnPostgresTests(PostgresServer server) : VoiceMessageRepositoryTests(server.NewDatabase());
