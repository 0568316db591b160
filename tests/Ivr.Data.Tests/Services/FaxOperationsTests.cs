using Ivr.Core.Lookups;
using Ivr.Data.Fax;
using Ivr.Data.Services;
using Ivr.Data.Tests.Fax;
using Microsoft.Extensions.Time.Testing;

namespace Ivr.Data.Tests.Services;

/// <summary>fax.check_time and fax.schedule: what the scheduled-fax dialogue asks of the back end.</summary>
public abstract class FaxOperationsTests : IDisposable
{
    private readonly TestDatabase _file;
    private readonly IvrDatabase _database;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.FromHours(8)));
    private readonly ServiceLookupService _service;

    protected FaxOperationsTests(TestDatabase file)
    {
        _file = file;
        _database = _file.Open();
        _service = new ServiceLookupService(_database, _time, fax: FaxSettings.Default, faxDocuments: new FakeFaxDocuments("pension_policy"));
    }

    private Task<LookupResult> Run(string operation, params (string Name, string Value)[] inputs)
    {
        var map = new Dictionary<string, string> { ["call_id"] = "call-9", ["caller"] = "13012345273" };
        foreach (var (name, value) in inputs) map[name] = value;
        return _service.ExecuteAsync(operation, map, default).AsTask();
    }

    private Task<LookupResult> Schedule(string day, string time, string number = "01088889999", string document = "pension_policy") =>
        Run("fax.schedule", ("document", document), ("number", number), ("day", day), ("time", time));

    private async Task<IReadOnlyList<FaxJob>> Jobs()
    {
        await using var connection = await _database.OpenConnectionAsync(default);
        return await new FaxJobRepository(connection).ListAsync(null, 100, default);
    }

    [SkippableFact]
    public async Task CheckTime_Tomorrow0930_OkWithTheDueDateAndTime()
    {
        var result = await Run("fax.check_time", ("day", "tomorrow"), ("time", "0930"));

        Assert.Equal(LookupResult.Ok, result.Outcome);
        Assert.Equal(("2026-11-24", "09:30"), (result.Outputs["due_date"], result.Outputs["due_time"]));
    }

    [SkippableFact]
    public async Task CheckTime_OutsideHours_SaysTheAllowedHours()
    {
        var result = await Run("fax.check_time", ("day", "today"), ("time", "2130"));

        Assert.Equal("outside_hours", result.Outcome);
        Assert.Equal(("08:00", "20:00"), (result.Outputs["allowed_from"], result.Outputs["allowed_until"]));
    }

    [SkippableFact]
    public async Task CheckTime_PastAndBadDay_PastAndError()
    {
        Assert.Equal("past", (await Run("fax.check_time", ("day", "today"), ("time", "0900"))).Outcome);
        Assert.Equal(LookupResult.Error, (await Run("fax.check_time", ("day", "someday"), ("time", "0900"))).Outcome);
    }

    [SkippableFact]
    public async Task Schedule_Now_QueuesTheJobLinkedToTheCall()
    {
        var result = await Schedule("now", "");

        Assert.Equal(LookupResult.Ok, result.Outcome);
        var job = Assert.Single(await Jobs());
        Assert.Equal(job.Id.ToString(), result.Outputs["job_id"]);
        Assert.Equal(("call-9", "pension_policy", "01088889999", FaxJobStatus.Queued, 3), (job.CallId, job.DocumentId, job.Number, job.Status, job.MaxAttempts));
        Assert.Equal(_time.GetUtcNow(), job.DueAt);
    }

    [SkippableTheory]
    [InlineData("today", "2130", "01088889999", "pension_policy", "outside_hours")]
    [InlineData("today", "0900", "01088889999", "pension_policy", "past")]
    [InlineData("today", "1530", "0108", "pension_policy", "invalid_number")]
    [InlineData("today", "1530", "010888899990", "pension_policy", "ok")]
    [InlineData("today", "1530", "0108888999a", "pension_policy", "invalid_number")]
    [InlineData("today", "1530", "01088889999", "no_such_document", "unknown_document")]
    [InlineData("later", "1530", "01088889999", "pension_policy", "error")]
    public async Task Schedule_BadInput_QueuesNothing(string day, string time, string number, string document, string outcome)
    {
        var result = await Schedule(day, time, number, document);

        Assert.Equal(outcome, result.Outcome);
        Assert.Equal(outcome == "ok" ? 1 : 0, (await Jobs()).Count);
    }

    [SkippableFact]
    public async Task Schedule_WithoutACatalog_EveryDocumentIsUnknown()
    {
        var bare = new ServiceLookupService(_database, _time);

        var result = await bare.ExecuteAsync("fax.schedule", new Dictionary<string, string> { ["document"] = "pension_policy", ["number"] = "01088889999", ["day"] = "now" }, default);

        Assert.Equal("unknown_document", result.Outcome);
        Assert.Empty(await Jobs());
    }

    public void Dispose()
    {
        _file.Dispose();
    }
}

public sealed class FaxOperationsOnSqliteTests() : FaxOperationsTests(new TempDatabase());

[Collection(PostgresCollection.Name)]
public sealed class FaxOperationsOnPostgresTests(PostgresServer server) : FaxOperationsTests(server.NewDatabase());
