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

    public void Dispose() => _file.Dispose();
}

public sealed class VoiceMessageRepositoryOnSqliteTests() : VoiceMessageRepositoryTests(new TempDatabase());

[Collection(PostgresCollection.Name)]
public sealed class VoiceMessageRepositoryOnPostgresTests(PostgresServer server) : VoiceMessageRepositoryTests(server.NewDatabase());
