using static Ivr.Data.Tests.Services.ServiceFixture;

namespace Ivr.Data.Tests.Services;

public abstract class RecordOperationsTests : IDisposable
{
    private readonly ServiceFixture _f;

    protected RecordOperationsTests(TestDatabase file) => _f = new ServiceFixture(file);

    [SkippableFact]
    public async Task PensionSummary_Retiree_AmountsAsDecimalText()
    {
        var result = await _f.RunAsync("pension.summary", ("id", RetireeId));

        Assert.Equal("ok", result.Outcome);
        Assert.Equal("3256.50", result.Outputs["monthly_amount"]);
        Assert.Equal("2026-10", result.Outputs["last_paid_month"]);
        Assert.Equal("12345.05", result.Outputs["account_balance"]);
        Assert.Equal("35", result.Outputs["years_contributed"]);
    }

    [SkippableTheory]
    [InlineData(WorkerId)]
    [InlineData("110101200001010070")]
    [InlineData("")]
    public async Task PensionSummary_NotRetiredOrUnknown_NotFound(string id)
    {
        Assert.Equal("not_found", (await _f.RunAsync("pension.summary", ("id", id))).Outcome);
    }

    [SkippableTheory]
    [InlineData(WorkerCard)]
    [InlineData(WorkerSerial)]
    public async Task ContributionsSummary_CardNumberOrSerial_Ok(string number)
    {
        var result = await _f.RunAsync("contributions.summary", ("id", WorkerId), ("number", number));

        Assert.Equal("ok", result.Outcome);
        Assert.Equal("2026-09", result.Outputs["last_month"]);
        Assert.Equal("250", result.Outputs["months"]);
        Assert.Equal("4567.89", result.Outputs["medical_balance"]);
        Assert.Equal("1234.00", result.Outputs["arrears"]);
    }

    [SkippableFact]
    public async Task ContributionsSummary_NoArrears_ZeroText()
    {
        var result = await _f.RunAsync("contributions.summary", ("id", RetireeId), ("number", RetireeCard));

        Assert.Equal("0.00", result.Outputs["arrears"]);
    }

    [SkippableTheory]
    [InlineData(WorkerId, RetireeCard)]
    [InlineData("110101200001010070", WorkerCard)]
    [InlineData(WorkerId, "999999999999")]
    [InlineData(WorkerId, "12345")]
    public async Task ContributionsSummary_MismatchOrUnknown_SameNotFound(string id, string number)
    {
        var result = await _f.RunAsync("contributions.summary", ("id", id), ("number", number));

        Assert.Equal("not_found", result.Outcome);
        Assert.Empty(result.Outputs);
    }

    [SkippableTheory]
    [InlineData(WorkerId)]
    [InlineData(AppraisalNumber)]
    public async Task AppraisalLookup_ByIdOrNumber_Ok(string key)
    {
        var result = await _f.RunAsync("appraisal.lookup", ("key", key));

        Assert.Equal("ok", result.Outcome);
        Assert.Equal("七级", result.Outputs["grade"]);
        Assert.Contains("劳动功能障碍", result.Outputs["conclusion"]);
    }

    [SkippableTheory]
    [InlineData(RetireeId)]
    [InlineData("2025999999")]
    public async Task AppraisalLookup_None_NotFound(string key)
    {
        Assert.Equal("not_found", (await _f.RunAsync("appraisal.lookup", ("key", key))).Outcome);
    }

    public void Dispose() => _f.Dispose();
}

public sealed class RecordOperationsOnSqliteTests() : RecordOperationsTests(new TempDatabase());

[Collection(PostgresCollection.Name)]
public sealed class RecordOperationsOnPostgresTests(PostgresServer server) : RecordOperationsTests(server.NewDatabase());
