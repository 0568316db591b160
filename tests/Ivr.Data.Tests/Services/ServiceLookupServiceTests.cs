using Dapper;
using static Ivr.Data.Tests.Services.ServiceFixture;

namespace Ivr.Data.Tests.Services;

public abstract class ServiceLookupServiceTests : IDisposable
{
    private readonly ServiceFixture _f;

    protected ServiceLookupServiceTests(TestDatabase file) => _f = new ServiceFixture(file);

    [SkippableFact]
    public async Task Execute_UnknownOperation_Error()
    {
        Assert.Equal("error", (await _f.RunAsync("pension.teleport")).Outcome);
    }

    [SkippableFact]
    public async Task Execute_Cancelled_TimeoutNotThrown()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        var result = await _f.Service.ExecuteAsync("pension.summary", new Dictionary<string, string> { ["id"] = RetireeId }, cancelled.Token);

        Assert.Equal("timeout", result.Outcome);
    }

    [SkippableFact]
    public async Task Execute_DatabaseFault_ErrorLoggedWithoutSecrets()
    {
        using (var connection = _f.Database.OpenConnection())
            connection.Execute("DROP TABLE pin_locks;");

        var result = await _f.RunAsync("auth.verify_pin", ("id", RetireeId), ("pin", RetireePin));

        Assert.Equal("error", result.Outcome);
        var line = Assert.Single(_f.Log);
        Assert.Contains("auth.verify_pin", line);
        Assert.DoesNotContain(RetireeId, line);
        Assert.DoesNotContain(RetireePin, line);
    }

    [SkippableFact]
    public void Operations_ListsTheFlowContract()
    {
        Assert.Equal(
            ["appraisal.lookup", "auth.verify_pin", "card.change_pin", "card.report_loss", "contributions.summary", "fax.check_time", "fax.schedule",
             "followup.create", "pension.summary", "survey.save", "voice_message.save"],
            _f.Service.Operations.Order());
    }

    public void Dispose() => _f.Dispose();
}

public sealed class ServiceLookupServiceOnSqliteTests() : ServiceLookupServiceTests(new TempDatabase());

[Collection(PostgresCollection.Name)]
public sealed class ServiceLookupServiceOnPostgresTests(PostgresServer server) : ServiceLookupServiceTests(server.NewDatabase());
