using Ivr.Data.Audit;

namespace Ivr.Data.Tests.Audit;

public abstract class AuditRepositoryTests : IDisposable
{
    private readonly TestDatabase _file;

    protected AuditRepositoryTests(TestDatabase file) => _file = file;

    [SkippableFact]
    public async Task Recent_NewestFirstRoundTrip()
    {
        using var connection = _file.Open().OpenConnection();
        var audit = new AuditRepository(connection);
        var at = new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.FromHours(8));
        await audit.AppendAsync(new AuditEntry("c1", at, AuditAction.PinChange, "110105********002X", "ok"), default);
        await audit.AppendAsync(new AuditEntry("c2", at.AddMinutes(1), AuditAction.LossReport, "110105********1235", "already_lost"), default);
        await audit.AppendAsync(new AuditEntry("c3", at.AddMinutes(2), AuditAction.Lockout, "440106********0058", "locked"), default);

        var recent = await audit.RecentAsync(2, default);

        Assert.Equal(
            [new AuditEntry("c3", at.AddMinutes(2), AuditAction.Lockout, "440106********0058", "locked"),
             new AuditEntry("c2", at.AddMinutes(1), AuditAction.LossReport, "110105********1235", "already_lost")],
            recent);
    }

    public void Dispose() => _file.Dispose();
}

public sealed class AuditRepositoryOnSqliteTests() : AuditRepositoryTests(new TempDatabase());

[Collection(PostgresCollection.Name)]
public sealed class AuditRepositoryOnPostgresTests(PostgresServer server) : AuditRepositoryTests(server.NewDatabase());
