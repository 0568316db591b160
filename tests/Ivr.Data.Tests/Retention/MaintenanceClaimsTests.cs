using Ivr.Data.Maintenance;

namespace Ivr.Data.Tests.Retention;

public abstract class MaintenanceClaimsTests(TestDatabase file) : IDisposable
{
    private static readonly DateTimeOffset At = new(2026, 12, 3, 3, 0, 0, TimeSpan.FromHours(8));

    [SkippableFact]
    public async Task TryClaim_TwoNodesTheSameDay_OnlyOneRunsIt()
    {
        var database = file.Open();
        var day = new DateOnly(2026, 12, 3);
        var claims = Enumerable.Range(1, 4)
            .Select(n => new MaintenanceClaims(file.Open()).TryClaimAsync(MaintenanceClaims.Retention, day, $"node-{n}", At, default)).ToArray();
        var won = await Task.WhenAll(claims);

        Assert.Single(won, w => w);
        Assert.True(await new MaintenanceClaims(database).TryClaimAsync(MaintenanceClaims.Backup, day, "node-1", At, default));
        Assert.False(await new MaintenanceClaims(database).TryClaimAsync(MaintenanceClaims.Retention, day, "node-2", At, default));
        Assert.True(await new MaintenanceClaims(database).TryClaimAsync(MaintenanceClaims.Retention, day.AddDays(1), "node-2", At.AddDays(1), default));
    }

    [SkippableFact]
    public async Task BackupRuns_LastSuccessAndLastFailure()
    {
        var runs = new BackupRunRepository(file.Open());
        Assert.Null(await runs.LastAsync(ok: true, default));
        await runs.AppendAsync(new BackupRun(At, At.AddMinutes(1), "n1", BackupRun.Scheduled, true, "/b/1.tar.gz", 1000, null), default);
        await runs.AppendAsync(new BackupRun(At.AddDays(7), At.AddDays(7).AddMinutes(1), "n1", BackupRun.Manual, true, "/b/2.tar.gz", 2000, null), default);
        await runs.AppendAsync(new BackupRun(At.AddDays(8), At.AddDays(8), "n2", BackupRun.Scheduled, false, "/b/3.tar.gz", 0, "disk full"), default);

        var success = await runs.LastAsync(ok: true, default);
        var failure = await runs.LastAsync(ok: false, default);

        Assert.Equal(("/b/2.tar.gz", 2000L, BackupRun.Manual, At.AddDays(7).AddMinutes(1)), (success!.File, success.Bytes, success.Trigger, success.FinishedAt));
        Assert.Equal(("disk full", "n2"), (failure!.Detail, failure.Node));
    }

    public void Dispose() => file.Dispose();
}

public sealed class MaintenanceClaimsOnSqliteTests() : MaintenanceClaimsTests(new TempDatabase());

[Collection(PostgresCollection.Name)]
public sealed class MaintenanceClaimsOnPostgresTests(PostgresServer server) : MaintenanceClaimsTests(server.NewDatabase());
