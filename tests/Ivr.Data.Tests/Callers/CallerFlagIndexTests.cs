using Dapper;
using Ivr.Data.Callers;

namespace Ivr.Data.Tests.Callers;

/// <summary>The caller flags held in memory answer what the table answers (on both databases); a change made on another
/// connection reaches a listening index: on PostgreSQL another node's (NOTIFY), on SQLite this process's (the console's).</summary>
public abstract class CallerFlagIndexTests : IDisposable
{
    protected const string Caller = "13012345273";
    private static readonly DateTimeOffset At = CallerCareTestData.Start;
    private readonly TestDatabase _file;

    protected CallerFlagIndexTests(TestDatabase file) => _file = file;

    protected TestDatabase File => _file;

    [SkippableFact]
    public async Task ReasonFor_AnswersAsTheTable_NewestActiveFirst_ExpiryByTheClock_NoDatabaseAsked()
    {
        var database = _file.Open();
        using var connection = database.OpenConnection();
        var flags = new CallerFlagRepository(connection);
        await flags.AddAsync(Caller, "harassment", "反复骚扰", "lead1", At, At.AddDays(7), default);
        await flags.AddAsync(Caller, "abuse", "辱骂", "lead1", At.AddMinutes(1), At.AddDays(2), default);
        var lifted = await flags.AddAsync("13900001111", "abuse", "辱骂", "lead1", At, null, default);
        await flags.RemoveAsync(lifted, "lead2", At.AddMinutes(2), default);
        await flags.AddAsync("13900002222", "vulnerable", "高龄独居", "lead1", At, null, default);
        var index = new CallerFlagIndex();

        await index.ReloadAsync(database, At.AddMinutes(5), default);
        connection.Execute("DELETE FROM caller_flags;"); // what is held answers from here on

        foreach (var (caller, at) in new[] { (Caller, At.AddDays(1)), (Caller, At.AddDays(3)), (Caller, At.AddDays(7)), ("13900001111", At.AddDays(1)),
                     ("13900002222", At.AddDays(400)), ("13800000000", At) })
            Assert.Equal(Expected(caller, at), index.ReasonFor(caller, at));
        Assert.Equal(3, index.Count);
    }

    [SkippableFact]
    public async Task FlagAddedOrLiftedOnAnotherConnection_ListeningIndexReadsItAgain()
    {
        var database = File.Open();
        var index = new CallerFlagIndex();
        var reloads = 0;
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var listening = new DatabaseNotifications(File.Open(), CallerFlagIndex.Channel, "caller flags", TimeProvider.System, _ => { }).RunAsync(async token =>
        {
            await index.ReloadAsync(database, DateTimeOffset.UtcNow, token);
            Interlocked.Increment(ref reloads);
        }, stop.Token);
        await Waiting.UntilAsync(() => Volatile.Read(ref reloads) == 1, TimeSpan.FromSeconds(10)); // read once as it connects

        await using var other = await File.Open().OpenConnectionAsync(default);
        var flags = new CallerFlagRepository(other);
        var id = await flags.AddAsync(Caller, "abuse", "辱骂", "lead1", DateTimeOffset.UtcNow, null, default);
        await Waiting.UntilAsync(() => index.ReasonFor(Caller, DateTimeOffset.UtcNow) == "abuse", TimeSpan.FromSeconds(5));
        await flags.RemoveAsync(id, "lead2", DateTimeOffset.UtcNow, default);
        await Waiting.UntilAsync(() => index.ReasonFor(Caller, DateTimeOffset.UtcNow) is null, TimeSpan.FromSeconds(5));

        await stop.CancelAsync();
        await listening.WaitAsync(TimeSpan.FromSeconds(10));
    }

    private static string? Expected(string caller, DateTimeOffset at) => (caller, at.Subtract(At).TotalDays) switch
    {
        (Caller, < 2) => "abuse",
        (Caller, < 7) => "harassment",
        ("13900002222", _) => "vulnerable",
        _ => null,
    };

    public void Dispose() => _file.Dispose();
}

public sealed class CallerFlagIndexOnSqliteTests() : CallerFlagIndexTests(new TempDatabase())
{
    [Fact]
    public async Task FlagAddedInsideATransaction_Refused_TheIndexCouldReadItBeforeItCommits()
    {
        using var connection = File.Open().OpenConnection();
        using var transaction = connection.BeginTransaction();

        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            new CallerFlagRepository(connection, transaction).AddAsync(Caller, "abuse", "辱骂", "lead1", DateTimeOffset.UtcNow, null, default));
    }
}

[Collection(PostgresCollection.Name)]
public sealed class CallerFlagIndexOnPostgresTests(PostgresServer server) : CallerFlagIndexTests(server.NewDatabase());
