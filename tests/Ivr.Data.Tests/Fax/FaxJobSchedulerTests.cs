using Ivr.Core.Fax;
using Ivr.Data.Fax;
using Microsoft.Extensions.Time.Testing;

namespace Ivr.Data.Tests.Fax;

/// <summary>The scheduled-fax queue on a fake clock: due times, retries, restarts.</summary>
public abstract class FaxJobSchedulerTests : IDisposable
{
    private const string Number = "01088889999";
    private static readonly DateTimeOffset Monday10 = new(2026, 11, 23, 10, 0, 0, TimeSpan.FromHours(8));
    private readonly TestDatabase _file;
    private readonly IvrDatabase _database;
    private readonly FakeTimeProvider _time = new(Monday10);
    private readonly FakeFaxDocuments _documents = new("pension_policy");
    private readonly List<string> _log = [];

    protected FaxJobSchedulerTests(TestDatabase file)
    {
        _file = file;
        _database = _file.Open();
    }

    private FaxJobScheduler Scheduler(IFaxDialer dialer, FaxSettings? settings = null) =>
        new(_database, dialer, _documents, settings ?? FaxSettings.Default, _time, _log.Add);

    private async Task<long> Queue(DateTimeOffset due, string document = "pension_policy", int maxAttempts = 3)
    {
        await using var connection = await _database.OpenConnectionAsync(default);
        return await new FaxJobRepository(connection).InsertAsync("call-1", document, Number, due, maxAttempts, _time.GetUtcNow(), default);
    }

    private async Task<FaxJob> Job(long id)
    {
        await using var connection = await _database.OpenConnectionAsync(default);
        return (await new FaxJobRepository(connection).GetAsync(id, default))!;
    }

    [SkippableFact]
    public async Task SendDue_DueJob_DialsTheRenderedFileAndRecordsSent()
    {
        var dialer = new FakeFaxDialer(_time, new FaxResult(FaxOutcome.Sent, 3, 3, 0, "ok"));
        var id = await Queue(Monday10);

        Assert.Equal(1, await Scheduler(dialer).SendDueAsync(default));

        Assert.Equal((Monday10, Number, "/fax/rendered/pension_policy.tif"), Assert.Single(dialer.Dialled));
        var job = await Job(id);
        Assert.Equal((FaxJobStatus.Sent, 1, "sent", 3, 3, 0), (job.Status, job.Attempts, job.LastOutcome, job.PagesSent, job.PagesTotal, job.ResultCode));
    }

    [SkippableFact]
    public async Task SendDue_NotYetDue_NothingDialled()
    {
        var dialer = new FakeFaxDialer(_time);
        var id = await Queue(Monday10.AddMinutes(30));

        Assert.Equal(0, await Scheduler(dialer).SendDueAsync(default));
        _time.Advance(TimeSpan.FromMinutes(30));
        Assert.Equal(1, await Scheduler(dialer).SendDueAsync(default));

        Assert.Equal(Monday10.AddMinutes(30), Assert.Single(dialer.Dialled).At);
        Assert.Equal(FaxJobStatus.Sent, (await Job(id)).Status);
    }

    [SkippableFact]
    public async Task Busy_RetriedFiveMinutesApart_ThreeTriesThenFailed()
    {
        var dialer = new FakeFaxDialer(_time, FakeFaxDialer.Busy);
        var scheduler = Scheduler(dialer);
        var id = await Queue(Monday10);

        await scheduler.SendDueAsync(default);
        Assert.Equal((FaxJobStatus.RetryWait, Monday10.AddMinutes(5)), ((await Job(id)).Status, (await Job(id)).DueAt));
        _time.Advance(TimeSpan.FromMinutes(4));
        Assert.Equal(0, await scheduler.SendDueAsync(default)); // not before the retry delay
        _time.Advance(TimeSpan.FromMinutes(1));
        await scheduler.SendDueAsync(default);
        _time.Advance(TimeSpan.FromMinutes(5));
        await scheduler.SendDueAsync(default);
        _time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(0, await scheduler.SendDueAsync(default)); // no fourth try

        Assert.Equal([Monday10, Monday10.AddMinutes(5), Monday10.AddMinutes(10)], dialer.Dialled.Select(d => d.At));
        var job = await Job(id);
        Assert.Equal((FaxJobStatus.Failed, 3, "busy"), (job.Status, job.Attempts, job.LastOutcome));
    }

    [SkippableFact]
    public async Task NoAnswerThenSent_SentOnTheSecondTry()
    {
        var dialer = new FakeFaxDialer(_time, new FaxResult(FaxOutcome.NoAnswer, 0, 0, -1, "no answer"), FakeFaxDialer.Sent);
        var scheduler = Scheduler(dialer);
        var id = await Queue(Monday10);

        await scheduler.SendDueAsync(default);
        _time.Advance(TimeSpan.FromMinutes(5));
        await scheduler.SendDueAsync(default);

        var job = await Job(id);
        Assert.Equal((FaxJobStatus.Sent, 2), (job.Status, job.Attempts));
    }

    [SkippableFact]
    public async Task ConfiguredTriesAndDelay_AreHonoured()
    {
        var dialer = new FakeFaxDialer(_time, new FaxResult(FaxOutcome.Failed, 0, 1, 48, "T.30 failed"));
        var settings = FaxSettings.Default with { MaxAttempts = 2, RetryDelay = TimeSpan.FromMinutes(1) };
        var scheduler = Scheduler(dialer, settings);
        var id = await Queue(Monday10, maxAttempts: settings.MaxAttempts);

        await scheduler.SendDueAsync(default);
        _time.Advance(TimeSpan.FromMinutes(1));
        await scheduler.SendDueAsync(default);

        Assert.Equal(2, dialer.Dialled.Count);
        Assert.Equal((FaxJobStatus.Failed, 48), ((await Job(id)).Status, (await Job(id)).ResultCode));
    }

    [SkippableFact]
    public async Task Restart_JobDueWhileDown_GoesOutAtStart()
    {
        var id = await Queue(Monday10.AddMinutes(10));
        _time.Advance(TimeSpan.FromHours(2)); // the server was down meanwhile
        var dialer = new FakeFaxDialer(_time);

        using var stop = new CancellationTokenSource();
        var running = Scheduler(dialer).RunAsync(stop.Token);
        await WaitFor(() => dialer.Dialled.Count == 1);
        stop.Cancel();
        await running;

        Assert.Equal(Monday10.AddHours(2), dialer.Dialled[0].At);
        Assert.Equal(FaxJobStatus.Sent, (await Job(id)).Status);
    }

    [SkippableFact]
    public async Task Restart_JobLeftSendingByACrash_IsRetried()
    {
        var id = await Queue(Monday10);
        await using (var connection = await _database.OpenConnectionAsync(default))
            Assert.True(await new FaxJobRepository(connection).TryClaimAsync(id, Monday10, default)); // the crashed server had started it
        _time.Advance(TimeSpan.FromMinutes(20));
        var dialer = new FakeFaxDialer(_time);
        var scheduler = Scheduler(dialer);

        Assert.Equal(1, await scheduler.RecoverAsync(default));
        await scheduler.SendDueAsync(default);

        var job = await Job(id);
        Assert.Equal((FaxJobStatus.Sent, 2), (job.Status, job.Attempts)); // the interrupted try counts
    }

    [SkippableFact]
    public async Task Run_PicksUpJobsQueuedWhileRunning_OnThePollInterval()
    {
        var dialer = new FakeFaxDialer(_time);
        var id = await Queue(Monday10.AddSeconds(3));
        using var stop = new CancellationTokenSource();
        var running = Scheduler(dialer).RunAsync(stop.Token);

        // Let fake time pass a second at a time (the scheduler sleeps on this clock between polls).
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (dialer.Dialled.Count == 0 && DateTime.UtcNow < deadline)
        {
            _time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(20);
        }

        stop.Cancel();
        await running;
        var dialled = Assert.Single(dialer.Dialled);
        Assert.True(dialled.At >= Monday10.AddSeconds(3), $"dialled at {dialled.At}, before the job was due");
        Assert.Equal(FaxJobStatus.Sent, (await Job(id)).Status);
    }

    [SkippableFact]
    public async Task DocumentLeftTheCatalog_FailsAtOnceWithoutDialling()
    {
        var dialer = new FakeFaxDialer(_time);
        var id = await Queue(Monday10, document: "withdrawn");

        await Scheduler(dialer).SendDueAsync(default);

        Assert.Empty(dialer.Dialled);
        var job = await Job(id);
        Assert.Equal((FaxJobStatus.Failed, "document 'withdrawn' is no longer in the fax catalog"), (job.Status, job.Detail));
    }

    [SkippableFact]
    public async Task DocumentNotRendered_CountsAsAFailedTryAndIsRetried()
    {
        _documents.Unrendered.Add("pension_policy");
        var dialer = new FakeFaxDialer(_time);
        var id = await Queue(Monday10);

        await Scheduler(dialer).SendDueAsync(default);

        Assert.Empty(dialer.Dialled);
        var job = await Job(id);
        Assert.Equal((FaxJobStatus.RetryWait, "failed"), (job.Status, job.LastOutcome));
        Assert.Contains("not rendered", job.Detail);
    }

    [SkippableFact]
    public async Task DialerThrows_RecordedAsFailedTry_QueueGoesOn()
    {
        var dialer = new FakeFaxDialer(_time) { Throw = new InvalidOperationException("socket gone") };
        var id = await Queue(Monday10);

        Assert.Equal(1, await Scheduler(dialer).SendDueAsync(default));

        var job = await Job(id);
        Assert.Equal((FaxJobStatus.RetryWait, "the dialer failed: InvalidOperationException"), (job.Status, job.Detail));
    }

    [SkippableFact]
    public async Task UnavailableDialer_RetriedThenFailed_WithTheReasonRecorded()
    {
        var dialer = new FakeFaxDialer(_time, FaxResult.Unavailable("no fax dialer"));
        var scheduler = Scheduler(dialer);
        var id = await Queue(Monday10);

        for (var i = 0; i < 3; i++)
        {
            await scheduler.SendDueAsync(default);
            _time.Advance(TimeSpan.FromMinutes(5));
        }

        var job = await Job(id);
        Assert.Equal((FaxJobStatus.Failed, "unavailable", "no fax dialer"), (job.Status, job.LastOutcome, job.Detail));
    }

    [SkippableFact]
    public async Task Log_ShowsTheNumberMaskedOnly()
    {
        await Queue(Monday10);

        await Scheduler(new FakeFaxDialer(_time)).SendDueAsync(default);

        Assert.Contains(_log, l => l.Contains("010*****999", StringComparison.Ordinal));
        Assert.DoesNotContain(_log, l => l.Contains(Number, StringComparison.Ordinal));
    }

    private static async Task WaitFor(Func<bool> condition, int limitSeconds = 60)
    {
        var deadline = DateTime.UtcNow.AddSeconds(limitSeconds);
        while (!condition() && DateTime.UtcNow < deadline) await Task.Delay(10);
        Assert.True(condition(), "timed out waiting (real time) for the scheduler");
    }

    public void Dispose()
    {
        _file.Dispose();
    }
}

public sealed class FaxJobSchedulerOnSqliteTests() : FaxJobSchedulerTests(new TempDatabase());

[Collection(PostgresCollection.Name)]
public sealed class FaxJobSchedulerOnPostgresTests(PostgresServer server) : FaxJobSchedulerTests(server.NewDatabase());
