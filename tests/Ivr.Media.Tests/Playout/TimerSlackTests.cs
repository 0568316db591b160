using Ivr.Media.Codecs;
using Ivr.Media.Playout;
using Ivr.Media.Rtp;

namespace Ivr.Media.Tests.Playout;

/// <summary>The pacing threads ask Linux for 1 ns of timer slack (the default 50 µs would let every wake-up slip);
/// only they: the slack is per thread, and the thread that started the scheduler keeps its own.</summary>
public class TimerSlackTests
{
    [Fact]
    public void PacingThread_RunsWithOneNanosecondOfTimerSlack()
    {
        if (!OperatingSystem.IsLinux()) return; // prctl(PR_SET_TIMERSLACK) is Linux's
        var mine = TimerSlack.CurrentThreadNanoseconds();
        long seen = -2;
        using var sent = new ManualResetEventSlim();
        using var scheduler = new PlayoutScheduler(TimeProvider.System);
        var stream = scheduler.AddStream(G711Law.MuLaw, new RtpSender(0, TimeProvider.System), _ =>
        {
            Volatile.Write(ref seen, TimerSlack.CurrentThreadNanoseconds());
            sent.Set();
        });
        scheduler.Start();
        stream.Enqueue(new short[G711.SamplesPer20Ms]);

        Assert.True(sent.Wait(TimeSpan.FromSeconds(10)), "the pacing thread sent nothing within 10 s");
        Assert.Equal(1, Volatile.Read(ref seen));
        Assert.Equal(mine, TimerSlack.CurrentThreadNanoseconds());
        Assert.NotEqual(1, mine); // the default (50 µs) here: the test would pass without the call otherwise
    }
}
