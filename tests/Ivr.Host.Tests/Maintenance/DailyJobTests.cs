using Ivr.Host.Maintenance;
using Microsoft.Extensions.Time.Testing;

namespace Ivr.Host.Tests.Maintenance;

public sealed class DailyJobTests
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    [Fact]
    public void Next_BeforeAndAfterTheHour_TodayOrTomorrowChinaTime()
    {
        Assert.Equal(new DateTimeOffset(2026, 12, 3, 3, 0, 0, China), DailyJob.Next(new DateTimeOffset(2026, 12, 3, 1, 0, 0, China), 3));
        Assert.Equal(new DateTimeOffset(2026, 12, 4, 3, 0, 0, China), DailyJob.Next(new DateTimeOffset(2026, 12, 3, 3, 0, 0, China), 3));
        Assert.Equal(new DateTimeOffset(2026, 12, 4, 3, 0, 0, China), DailyJob.Next(new DateTimeOffset(2026, 12, 3, 18, 0, 0, TimeSpan.Zero), 3));
    }

    [Fact]
    public async Task Runs_AtTheHourEachDay_AFailureIsLoggedAndTheNextDayComes()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 3, 1, 0, 0, China));
        var logged = new List<string>();
        var calls = 0;
        await using var job = new DailyJob("retention", 3, time, _ => ++calls == 1 ? throw new IOException("disk gone") : Task.CompletedTask,
            line => { lock (logged) logged.Add(line); });

        await Until(() => job.NextRun == new DateTimeOffset(2026, 12, 3, 3, 0, 0, China));
        time.Advance(TimeSpan.FromMinutes(119));
        Assert.Equal(0, job.Runs);
        time.Advance(TimeSpan.FromMinutes(1));
        await Until(() => job.Runs == 1);
        await Until(() => job.NextRun == new DateTimeOffset(2026, 12, 4, 3, 0, 0, China));
        time.Advance(TimeSpan.FromDays(1));
        await Until(() => job.Runs == 2);

        Assert.Equal(2, calls);
        lock (logged) Assert.Equal(["retention: failed: IOException: disk gone"], logged);
    }

    /// <summary>Waits (at most 10 s of real time) for what the job's thread does after the fake clock moved.</summary>
    private static async Task Until(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("the daily job did not get there within 10 s");
            await Task.Delay(10);
        }
    }
}
