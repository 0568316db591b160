using Dapper;
using Ivr.Core.Lookups;
using Ivr.Data.Services;
using Ivr.Data.Spool;
using Npgsql;

namespace Ivr.Data.Tests.Nodes;

/// <summary>A caller's callback ticket (voice message), a follow-up or a survey answer left while PostgreSQL refuses every
/// connection: the caller still hears the due date, the request waits in the node's spool, and is written — once — when
/// the database is back.</summary>
[Collection(PostgresCollection.Name)]
public sealed class CallerRequestsWhenPostgresIsDownTests(PostgresServer server) : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 2, 0, 0, TimeSpan.Zero);
    private readonly PostgresDatabase _file = server.NewDatabase();
    private readonly string _spoolFolder = Directory.CreateTempSubdirectory("ivr-spool-").FullName;

    [SkippableFact]
    public async Task DatabaseDown_MessageSpooledAndCallerToldTheDueDate_WrittenOnceWhenBack()
    {
        var database = _file.Open();
        var log = new List<string>();
        var spool = new CallerRequestSpool(_spoolFolder, log.Add);
        var service = new ServiceLookupService(database, new FixedClock(Now), log: log.Add, spool: spool);
        CloseTheDatabase();
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
        var spool = new CallerRequestSpool(_spoolFolder, _ => { });
        var message = new SpooledVoiceMessage("call-8", "recordings/call-8.wav", "13912345678", "voice_message", Now, new DateOnly(2026, 12, 9));
        spool.Hold(message);
        Assert.Equal(1, await spool.FlushAsync(database, default));
        spool.Hold(message); // as if the node had stopped between the insert and the delete

        await spool.FlushAsync(database, default);

        using var connection = database.OpenConnection();
        Assert.Equal(1, connection.ExecuteScalar<long>("SELECT COUNT(*) FROM voice_messages;"));
    }

    [SkippableFact]
    public async Task DatabaseDown_FollowUpAndDissatisfiedSurvey_SpooledAndWrittenOnceWhenBack()
    {
        var database = _file.Open();
        var spool = new CallerRequestSpool(_spoolFolder, _ => { });
        var service = new ServiceLookupService(database, new FixedClock(Now), spool: spool);
        CloseTheDatabase();

        var followUp = await service.ExecuteAsync("followup.create", new Dictionary<string, string> { ["call_id"] = "call-9", ["reason"] = "transfer_failed" }, default);
        var survey = await service.ExecuteAsync("survey.save", new Dictionary<string, string> { ["call_id"] = "call-9", ["score"] = "3" }, default);

        Assert.Equal((LookupResult.Ok, "2026-12-09"), (followUp.Outcome, followUp.Outputs["due_date"]));
        Assert.Equal(LookupResult.Ok, survey.Outcome);
        Assert.Equal(2, spool.Pending);
        server.Admin($"ALTER DATABASE {_file.Name} WITH ALLOW_CONNECTIONS true;");
        Assert.Equal(2, await spool.FlushAsync(database, default));
        Assert.Equal(0, spool.Pending);

        using var connection = database.OpenConnection();
        Assert.Equal(["dissatisfied", "transfer_failed"], connection.Query<string>("SELECT reason FROM follow_ups ORDER BY reason;"));
        Assert.Equal(3, connection.QuerySingle<int>("SELECT score FROM surveys WHERE call_id = 'call-9';"));
    }

    [SkippableFact]
    public async Task Flush_SurveyAlreadyWritten_NotWrittenTwice_AndAnOldFileWithoutKindIsAVoiceMessage()
    {
        var database = _file.Open();
        var spool = new CallerRequestSpool(_spoolFolder, _ => { });
        var survey = new SpooledSurvey("call-10", 3, Now, new DateOnly(2026, 12, 9));
        spool.Hold(survey);
        Assert.Equal(1, await spool.FlushAsync(database, default));
        spool.Hold(survey);
        File.WriteAllText(Path.Combine(_spoolFolder, "00000000000000000001-old.json"), """
            {"CallId":"call-11","Recording":"call-11-1.wav","CallbackNumber":"13912345678","Reason":"voice_message","CreatedAt":"2026-12-02T02:00:00+00:00","DueDate":"2026-12-09"}
            """);

        Assert.Equal(2, await spool.FlushAsync(database, default));

        using var connection = database.OpenConnection();
        Assert.Equal(1, connection.ExecuteScalar<long>("SELECT COUNT(*) FROM surveys;"));
        Assert.Equal(1, connection.ExecuteScalar<long>("SELECT COUNT(*) FROM follow_ups;"));
        Assert.Equal("call-11-1.wav", connection.QuerySingle<string>("SELECT recording FROM voice_messages;"));
    }

    private void CloseTheDatabase()
    {
        server.Admin($"ALTER DATABASE {_file.Name} WITH ALLOW_CONNECTIONS false;");
        server.Admin($"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{_file.Name}';");
        NpgsqlConnection.ClearAllPools();
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
