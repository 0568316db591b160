using Dapper;
using Ivr.Data;
using Ivr.Data.Callers;
using Ivr.Host.Serving;
using Ivr.Host.Tests.Cli;
using Microsoft.Extensions.Time.Testing;

namespace Ivr.Host.Tests.Callers;

/// <summary>The flag lookup at call start, and <c>ivr missed</c> on a database with missed calls.</summary>
[Collection("console")]
public sealed class CallerFlagLookupTests : IDisposable
{
    private const string Caller = "13912345678";
    private readonly string _data = Path.Combine(Path.GetTempPath(), $"ivr-callers-{Guid.NewGuid():N}");
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 2, 0, 0, TimeSpan.Zero));
    private readonly List<string> _log = [];
    private readonly IvrDatabase _database;

    public CallerFlagLookupTests()
    {
        Directory.CreateDirectory(_data);
        _database = IvrDatabase.Open(Path.Combine(_data, "ivr.db"));
    }

    [Fact]
    public async Task ReasonFor_ActiveFlagOnly()
    {
        using (var connection = _database.OpenConnection())
            await new CallerFlagRepository(connection).AddAsync(Caller, "abuse", "辱骂", "lead1", _time.GetUtcNow(), _time.GetUtcNow().AddDays(1), default);
        var lookup = new CallerFlagLookup(_database, _time, _log.Add);

        Assert.Equal("abuse", lookup.ReasonFor(Caller));
        Assert.Null(lookup.ReasonFor("13800001111"));
        Assert.Null(lookup.ReasonFor(""));
        _time.Advance(TimeSpan.FromDays(1));
        Assert.Null(lookup.ReasonFor(Caller));
        Assert.Empty(_log);
    }

    [Fact]
    public async Task ReasonFor_WithTheIndex_AnswersFromMemory_NoDatabaseAsked()
    {
        using (var connection = _database.OpenConnection())
            await new CallerFlagRepository(connection).AddAsync(Caller, "abuse", "辱骂", "lead1", _time.GetUtcNow(), _time.GetUtcNow().AddDays(1), default);
        var index = new CallerFlagIndex();
        await index.ReloadAsync(_database, _time.GetUtcNow(), default);
        using (var connection = _database.OpenConnection()) connection.Execute("DROP TABLE caller_flags;");
        var lookup = new CallerFlagLookup(_database, _time, _log.Add, index);

        Assert.Equal("abuse", lookup.ReasonFor(Caller));
        Assert.Null(lookup.ReasonFor("13800001111"));
        _time.Advance(TimeSpan.FromDays(1));
        Assert.Null(lookup.ReasonFor(Caller));
        Assert.Empty(_log);
    }

    [Fact]
    public void ReasonFor_LookupFails_NotFlagged_LoggedMasked()
    {
        using (var connection = _database.OpenConnection()) connection.Execute("DROP TABLE caller_flags;");

        Assert.Null(new CallerFlagLookup(_database, _time, _log.Add).ReasonFor(Caller));

        var line = Assert.Single(_log);
        Assert.Contains("caller flags: lookup for 139*****678 failed", line);
        Assert.DoesNotContain(Caller, line);
    }

    [Fact]
    public async Task MissedVerb_JsonRowsMasked()
    {
        MissedCall();

        var (code, output, errors) = await Missed();

        Assert.True(code == 0, errors);
        Assert.Contains("\"caller_masked\": \"139*****678\"", output);
        Assert.Contains("\"id\": \"m-1\"", output);
        Assert.DoesNotContain(Caller, output);
    }

    [Fact]
    public async Task MissedVerb_OutcomeFilter_RowsLastMarkedSo_AnUnknownOutcomeIsAUsageError()
    {
        MissedCall();
        using (var connection = _database.OpenConnection())
            await new MissedCallRepository(connection).MarkCalledBackAsync(Caller, "m-1", "agent1", CallbackOutcomes.NoAnswer, "无人接听", DateTimeOffset.UtcNow, default);

        var (code, output, errors) = await Missed("--outcome", "no_answer");
        Assert.True(code == 0, errors);
        Assert.Contains("\"last_outcome\": \"no_answer\"", output);
        Assert.Contains("\"attempts\": 1", output);
        Assert.Contains("\"open\": true", output);

        Assert.Equal("[]", (await Missed("--outcome", "resolved")).Output.Trim());
        Assert.Equal(2, (await Missed("--outcome", "called")).Code);
    }

    [Fact]
    public async Task MissedVerb_DueBeyondTheCalendar_MarkedInJsonAndText()
    {
        MissedCall();
        using (var connection = _database.OpenConnection())
            connection.Execute("""
                INSERT INTO calls (id, caller, caller_masked, dialled, flow, flow_version, started_at, ended_at, disposition)
                VALUES ('m-2', '13012345273', 'x', '12333', 'main', 'v1', '2099-12-28T02:00:00.0000000+00:00', '2099-12-28T02:00:00.0000000+00:00', 'abandoned');
                """);

        var (code, json, errors) = await Missed();
        var (textCode, text, legend) = await ProgramTests.Run(["missed", "--data", _data, "--flows", Path.Combine(ExampleFlows.RepositoryRoot, "flows"),
            "--prompts", Path.Combine(ExampleFlows.RepositoryRoot, "prompts", "zh-CN")]);

        Assert.True(code == 0 && textCode == 0, errors + legend);
        var rows = System.Text.Json.JsonDocument.Parse(json).RootElement.EnumerateArray().ToDictionary(r => r.GetProperty("id").GetString()!);
        Assert.True(rows["m-2"].GetProperty("due_beyond_calendar").GetBoolean());
        Assert.Equal("2099-12-29", rows["m-2"].GetProperty("due_date").GetString());
        Assert.False(rows["m-1"].GetProperty("due_beyond_calendar").GetBoolean());
        Assert.Contains("due 2099-12-29 BEYOND-CALENDAR", text);
        Assert.DoesNotContain("BEYOND-CALENDAR", text.Split('\n').Single(l => l.Contains("m-1")));
        Assert.Contains("BEYOND-CALENDAR: the due date was counted past the last year", legend);
    }

    private void MissedCall()
    {
        using var connection = _database.OpenConnection();
        connection.Execute("""
            INSERT INTO calls (id, caller, caller_masked, dialled, flow, flow_version, started_at, ended_at, disposition)
            VALUES ('m-1', @caller, 'x', '12333', 'main', 'v1', @at, @at, 'abandoned');
            """, new { caller = Caller, at = DateTimeOffset.UtcNow.AddHours(-1).ToString("yyyy-MM-dd'T'HH:mm:ss.fffffffzzz", System.Globalization.CultureInfo.InvariantCulture) });
    }

    private Task<(int Code, string Output, string Errors)> Missed(params string[] more)
        => ProgramTests.Run(["missed", "--data", _data, "--json", "--flows", Path.Combine(ExampleFlows.RepositoryRoot, "flows"),
            "--prompts", Path.Combine(ExampleFlows.RepositoryRoot, "prompts", "zh-CN"), .. more]);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_data, recursive: true);
    }
}
