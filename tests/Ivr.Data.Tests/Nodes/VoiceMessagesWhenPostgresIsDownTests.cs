using Dapper;
using Ivr.Core.Lookups;
using Ivr.Data.Messages;
using Ivr.Data.Services;
using Npgsql;

namespace Ivr.Data.Tests.Nodes;

/// <summary>A caller's callback ticket (voice message) left while PostgreSQL refuses every connection: the caller
/// still hears the due date, the message waits in the node's spool, and is written — once — when the database is back.</summary>
[Collection(PostgresCollection.Name)]
public sealed class VoiceMessagesWhenPostgresIsDownTests(PostgresServer server) : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 2, 0, 0, TimeSpan.Zero);
    private readonly PostgresDatabase _file = server.NewDatabase();
    private readonly string _spoolFolder = Directory.CreateTempSubdirectory("ivr-spool-").FullName;

    [SkippableFact]
    public async Task DatabaseDown_MessageSpooledAndCallerToldTheDueDate_WrittenOnceWhenBack()
    {
        var database = _file.Open();
        var log = new List<string>();
        var spool = new VoiceMessageSpool(_spoolFolder, log.Add);
        var service = new ServiceLookupService(database, new FixedClock(Now), log: log.Add, spool: spool);

        server.Admin($"ALTER DATABASE {_file.Name} WITH ALLOW_CONNECTIONS false;");
        server.Admin($"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{_file.Name}';");
        NpgsqlConnection.ClearAllPools();
        var result = await service.ExecuteAsync("voice_message.save", new Dictionary<string, string>
        {
            ["call_id"] = "call-7", ["recording"] = "recordings/call-7.wav", ["callback_number"] = "13912345678", ["reason"] = "system_fault",
        }, default);

        Assert.Equal(LookupResult.Ok, result.Outcome);
        Assert.Equal("2026-12-09", result.Outputs["due_date"]);
        Assert.Equal(1, spool.Pending);
        Assert.Equal(0, await spool.FlushAsync(database, default)); // still away: kept
        Assert.Equal(1, spool.Pending);
        Assert.DoesNotContain(log, l => l.Contains("13912345678"));

        server.Admin($"ALTER DATABASE {_file.Name} WITH ALLOW_CONNECTIONS true;");
        Assert.Equal(1, await spool.FlushAsync(database, default));
        Assert.Equal(0, spool.Pending);
        Assert.Equal(0, await spool.FlushAsync(database, default));

        using var connection = database.OpenConnection();
        var row = connection.QuerySingle<(string CallId, string Recording, string Callback, string Reason, string Due)>(
            "SELECT call_id, recording, callback_number, reason, due_date FROM voice_messages;");
        Assert.Equal(("call-7", "recordings/call-7.wav", "13912345678", "system_fault", "2026-12-09"), row);
    }

    [SkippableFact]
    public async Task Flush_MessageAlreadyWrittenBeforeItsFileWasDeleted_NotWrittenTwice()
    {
        var database = _file.Open();
        var spool = new VoiceMessageSpool(_spoolFolder, _ => { });
        var message = new SpooledVoiceMessage("call-8", "recordings/call-8.wav", "13912345678", "voice_message", Now, new DateOnly(2026, 12, 9));
        spool.Hold(message);
        Assert.Equal(1, await spool.FlushAsync(database, default));
        spool.Hold(message); // as if the node had stopped between the insert and the delete

        await spool.FlushAsync(database, default);

        using var connection = database.OpenConnection();
        Assert.Equal(1, connection.ExecuteScalar<long>("SELECT COUNT(*) FROM voice_messages;"));
    }

    public void Dispose()
    {
        server.Admin($"ALTER DATABASE {_file.Name} WITH ALLOW_CONNECTIONS true;");
        _file.Dispose();
        Directory.Delete(_spoolFolder, recursive: true);
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
