using Ivr.Data.Fax;

namespace Ivr.Data.Tests.Fax;

public abstract class FaxJobRepositoryTests : IDisposable
{
    private static readonly DateTimeOffset At = new(2026, 11, 23, 10, 0, 0, TimeSpan.FromHours(8));
    private readonly TestDatabase _file;

    protected FaxJobRepositoryTests(TestDatabase file) => _file = file;

    private FaxJobRepository Jobs(out System.Data.Common.DbConnection connection)
    {
        connection = _file.Open().OpenConnection();
        return new FaxJobRepository(connection);
    }

    [SkippableFact]
    public async Task Insert_Queued_KeepsEverythingTheDialerNeeds_AndShowsTheNumberMasked()
    {
        var jobs = Jobs(out var connection);
        using var _ = connection;

        var id = await jobs.InsertAsync("call-7", "pension_policy", "01088889999", At.AddHours(2), 3, At, default);

        var job = (await jobs.GetAsync(id, default))!;
        Assert.Equal(("call-7", "pension_policy", "01088889999", FaxJobStatus.Queued, 0, 3), (job.CallId, job.DocumentId, job.Number, job.Status, job.Attempts, job.MaxAttempts));
        Assert.Equal(At.AddHours(2), job.DueAt);
        Assert.Equal("010*****999", job.NumberMasked);
        Assert.Equal([id], (await jobs.ForCallAsync("call-7", default)).Select(j => j.Id));
    }

    [SkippableFact]
    public async Task Due_OnlyWaitingJobsAtOrBeforeNow_EarliestFirst()
    {
        var jobs = Jobs(out var connection);
        using var _ = connection;
        var later = await jobs.InsertAsync("c", "d", "01088889999", At.AddMinutes(10), 3, At, default);
        var now = await jobs.InsertAsync("c", "d", "01088889999", At, 3, At, default);
        var earlier = await jobs.InsertAsync("c", "d", "01088889999", At.AddMinutes(-5), 3, At, default);
        var cancelled = await jobs.InsertAsync("c", "d", "01088889999", At.AddMinutes(-9), 3, At, default);
        Assert.True(await jobs.CancelAsync(cancelled, At, default));

        var due = await jobs.DueAsync(At, 10, default);

        Assert.Equal([earlier, now], due.Select(j => j.Id));
        Assert.Equal(At.AddMinutes(-5), await jobs.NextDueAsync(default));
        Assert.DoesNotContain(later, due.Select(j => j.Id));
    }

    [SkippableFact]
    public async Task TryClaim_OnlyOnce_CountsTheAttempt()
    {
        var jobs = Jobs(out var connection);
        using var _ = connection;
        var id = await jobs.InsertAsync("c", "d", "01088889999", At, 3, At, default);

        Assert.True(await jobs.TryClaimAsync(id, At, default));
        Assert.False(await jobs.TryClaimAsync(id, At, default));
        Assert.False(await jobs.CancelAsync(id, At, default)); // sending: too late to withdraw

        var job = (await jobs.GetAsync(id, default))!;
        Assert.Equal((FaxJobStatus.Sending, 1), (job.Status, job.Attempts));
    }

    [SkippableFact]
    public async Task RecordAttempt_RetryWait_MovesTheDueTimeAndKeepsTheResult()
    {
        var jobs = Jobs(out var connection);
        using var _ = connection;
        var id = await jobs.InsertAsync("c", "d", "01088889999", At, 3, At, default);
        await jobs.TryClaimAsync(id, At, default);

        Assert.True(await jobs.RecordAttemptAsync(id, FaxJobStatus.RetryWait, At.AddMinutes(5), "busy", 0, 2, -1, "busy here", At, default));
        Assert.False(await jobs.RecordAttemptAsync(id, FaxJobStatus.Sent, null, "sent", 2, 2, 0, "", At, default)); // no longer sending

        var job = (await jobs.GetAsync(id, default))!;
        Assert.Equal((FaxJobStatus.RetryWait, "busy", 0, 2, -1, "busy here"), (job.Status, job.LastOutcome, job.PagesSent, job.PagesTotal, job.ResultCode, job.Detail));
        Assert.Equal(At.AddMinutes(5), job.DueAt);
    }

    [SkippableFact]
    public async Task RecoverInterrupted_TriesLeftRetryNow_ExhaustedFail()
    {
        var jobs = Jobs(out var connection);
        using var _ = connection;
        var fresh = await jobs.InsertAsync("c", "d", "01088889999", At.AddHours(-1), 3, At, default);
        var last = await jobs.InsertAsync("c", "d", "01088889999", At.AddHours(-1), 1, At, default);
        var waiting = await jobs.InsertAsync("c", "d", "01088889999", At.AddHours(1), 3, At, default);
        await jobs.TryClaimAsync(fresh, At, default);
        await jobs.TryClaimAsync(last, At, default);

        var later = At.AddHours(3);
        Assert.Equal(2, await jobs.RecoverInterruptedAsync(later, default));

        var retried = (await jobs.GetAsync(fresh, default))!;
        Assert.Equal((FaxJobStatus.RetryWait, later, "interrupted"), (retried.Status, retried.DueAt, retried.LastOutcome));
        Assert.Equal(FaxJobStatus.Failed, (await jobs.GetAsync(last, default))!.Status);
        Assert.Equal(FaxJobStatus.Queued, (await jobs.GetAsync(waiting, default))!.Status);
    }

    [SkippableFact]
    public async Task List_NewestFirst_FilteredByStatus()
    {
        var jobs = Jobs(out var connection);
        using var _ = connection;
        var first = await jobs.InsertAsync("c", "d", "01088889999", At, 3, At, default);
        var second = await jobs.InsertAsync("c", "d", "01088889999", At, 3, At, default);
        await jobs.CancelAsync(first, At, default);

        Assert.Equal([second, first], (await jobs.ListAsync(null, 10, default)).Select(j => j.Id));
        Assert.Equal([first], (await jobs.ListAsync(FaxJobStatus.Cancelled, 10, default)).Select(j => j.Id));
    }

    [SkippableFact]
    public void StatusText_RoundTrips_SnakeCase()
    {
        Assert.Equal(["queued", "sending", "sent", "failed", "retry_wait", "cancelled"], FaxJobStatusText.All);
        Assert.True(FaxJobStatusText.TryParse("retry_wait", out var status));
        Assert.Equal(FaxJobStatus.RetryWait, status);
        Assert.False(FaxJobStatusText.TryParse("RetryWait", out _));
    }

    public void Dispose() => _file.Dispose();
}

public sealed class FaxJobRepositoryOnSqliteTests() : FaxJobRepositoryTests(new TempDatabase());

[Collection(PostgresCollection.Name)]
public sealed class FaxJobRepositoryOnPostgresTests(PostgresServer server) : FaxJobRepositoryTests(server.NewDatabase());
