using Ivr.Telephony.Calls;
using Microsoft.Extensions.Time.Testing;

namespace Ivr.Telephony.Tests.Calls;

/// <summary>Issue 13: the calls' media timeout watches share one timer per clock, and each still fires on its own time.</summary>
public sealed class MediaTimeoutSweepTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public void HundredWatches_OneTimer_EachFiresOnceWhenItsOwnMediaStops()
    {
        var time = new CountingTimeProvider();
        var fired = new int[100];
        var media = fired.Select(_ => new MediaTimeoutWatchTests.PacketCount()).ToArray();
        var watches = Enumerable.Range(0, fired.Length).Select(i => new MediaTimeoutWatch(time, Timeout, media[i], () => fired[i]++)).ToArray();
        Assert.Equal(1, time.TimersCreated);

        for (var s = 0; s < 45; s++)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            for (var i = 0; i < watches.Length; i += 2) media[i].Receive(); // the even calls keep receiving
        }

        Assert.All(fired.Where((_, i) => i % 2 == 0), f => Assert.Equal(0, f));
        Assert.All(fired.Where((_, i) => i % 2 == 1), f => Assert.Equal(1, f));
        Assert.Equal(50, MediaTimeoutSweep.For(time, TimeSpan.FromSeconds(1)).Count); // the fired ones left the sweep
        foreach (var watch in watches) watch.Dispose();
        Assert.Equal(0, MediaTimeoutSweep.For(time, TimeSpan.FromSeconds(1)).Count);
        Assert.Equal(1, time.TimersCreated);
    }

    [Fact]
    public void Disposed_NeverFires()
    {
        var time = new FakeTimeProvider();
        var fired = 0;
        var watch = new MediaTimeoutWatch(time, Timeout, new MediaTimeoutWatchTests.PacketCount(), () => fired++);
        time.Advance(TimeSpan.FromSeconds(20));
        watch.Dispose();
        time.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(0, fired);
    }

    [Fact]
    public void ShortTimeout_ItsOwnPeriod_FiresWithinAPeriodOfTheTimeout()
    {
        var time = new FakeTimeProvider();
        var fired = 0;
        using var slow = new MediaTimeoutWatch(time, Timeout, new MediaTimeoutWatchTests.PacketCount(), () => { });
        using var fast = new MediaTimeoutWatch(time, TimeSpan.FromMilliseconds(500), new MediaTimeoutWatchTests.PacketCount(), () => fired++);
        time.Advance(TimeSpan.FromMilliseconds(400));
        Assert.Equal(0, fired);
        time.Advance(TimeSpan.FromMilliseconds(200)); // 600 ms: past 500 ms, within its 100 ms period
        Assert.Equal(1, fired);
    }

    private sealed class CountingTimeProvider : FakeTimeProvider
    {
        public int TimersCreated { get; private set; }

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            TimersCreated++;
            return base.CreateTimer(callback, state, dueTime, period);
        }
    }
}
