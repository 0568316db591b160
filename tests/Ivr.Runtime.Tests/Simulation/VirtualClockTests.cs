using Ivr.Runtime.Simulation;

namespace Ivr.Runtime.Tests.Simulation;

public sealed class VirtualClockTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 23, 2, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Never = Timeout.InfiniteTimeSpan;

    private readonly VirtualClock _clock = new(Start);
    private readonly List<(string Name, TimeSpan At)> _fired = [];

    private ITimer Timer(string name, double dueSeconds, double periodSeconds = -1) =>
        _clock.CreateTimer(_ => _fired.Add((name, _clock.GetUtcNow() - Start)), null,
            TimeSpan.FromSeconds(dueSeconds), periodSeconds < 0 ? Never : TimeSpan.FromSeconds(periodSeconds));

    private static TimeSpan S(double seconds) => TimeSpan.FromSeconds(seconds);

    [Fact]
    public void Advance_SeveralTimers_FireInDeadlineOrderAtTheirDeadlines()
    {
        Timer("c", 3);
        Timer("a", 1);
        Timer("b", 2);

        _clock.Advance(S(5));

        Assert.Equal([("a", S(1)), ("b", S(2)), ("c", S(3))], _fired);
        Assert.Equal(Start + S(5), _clock.GetUtcNow());
    }

    [Fact]
    public void Advance_SameDeadline_FireInCreationOrder()
    {
        Timer("first", 1);
        Timer("second", 1);

        _clock.Advance(S(1));

        Assert.Equal(["first", "second"], _fired.Select(f => f.Name));
    }

    [Fact]
    public void Advance_NotYetDue_DoesNotFire()
    {
        Timer("a", 2);

        _clock.Advance(S(1.999));

        Assert.Empty(_fired);
        Assert.Equal(Start + S(2), _clock.NextDue);
    }

    [Fact]
    public void Change_Rearms_OldDeadlineIgnored()
    {
        var timer = Timer("a", 1);

        timer.Change(S(3), Never);
        _clock.Advance(S(2));
        Assert.Empty(_fired);
        _clock.Advance(S(2));

        Assert.Equal([("a", S(3))], _fired);
    }

    [Fact]
    public void Change_Earlier_FiresOnceAtTheNewDeadline()
    {
        var timer = Timer("a", 5);

        timer.Change(S(1), Never);
        _clock.Advance(S(10));

        Assert.Equal([("a", S(1))], _fired);
    }

    [Fact]
    public void Change_Infinite_Disarms()
    {
        var timer = Timer("a", 1);

        timer.Change(Never, Never);
        _clock.Advance(S(10));

        Assert.Empty(_fired);
        Assert.Null(_clock.NextDue);
    }

    [Fact]
    public void Dispose_CancelsTheTimer()
    {
        var timer = Timer("a", 1);
        Timer("b", 2);

        timer.Dispose();
        _clock.Advance(S(10));

        Assert.Equal(["b"], _fired.Select(f => f.Name));
    }

    [Fact]
    public void AdvanceToNext_JumpsToTheNextDeadlineOnly()
    {
        Timer("a", 2);
        Timer("b", 5);

        Assert.True(_clock.AdvanceToNext());
        Assert.Equal(Start + S(2), _clock.GetUtcNow());
        Assert.Equal(["a"], _fired.Select(f => f.Name));

        Assert.True(_clock.AdvanceToNext());
        Assert.Equal(Start + S(5), _clock.GetUtcNow());

        Assert.False(_clock.AdvanceToNext());
        Assert.Equal(Start + S(5), _clock.GetUtcNow());
    }

    [Fact]
    public void AdvanceToNext_SkipsDisposedTimers()
    {
        Timer("a", 1).Dispose();
        Timer("b", 4);

        Assert.True(_clock.AdvanceToNext());

        Assert.Equal([("b", S(4))], _fired);
    }

    [Fact]
    public void Periodic_FiresEveryPeriod()
    {
        Timer("tick", 1, periodSeconds: 2);

        _clock.Advance(S(6));

        Assert.Equal([S(1), S(3), S(5)], _fired.Select(f => f.At));
        Assert.Equal(Start + S(7), _clock.NextDue);
    }

    [Fact]
    public void Periodic_DisposedInItsCallback_Stops()
    {
        ITimer? timer = null;
        var count = 0;
        timer = _clock.CreateTimer(_ => { if (++count == 2) timer!.Dispose(); }, null, S(1), S(1));

        _clock.Advance(S(10));

        Assert.Equal(2, count);
    }

    [Fact]
    public void Advance_TimerCreatedInACallback_FiresInTheSameAdvance()
    {
        _clock.CreateTimer(_ => Timer("inner", 1), null, S(1), Never);

        _clock.Advance(S(3));

        Assert.Equal([("inner", S(2))], _fired);
    }

    [Fact]
    public void Advance_NoTimers_MovesTime()
    {
        _clock.Advance(S(90));

        Assert.Equal(Start + S(90), _clock.GetUtcNow());
        Assert.Equal(S(90), _clock.GetElapsedTime(_clock.GetTimestamp() - S(90).Ticks * _clock.TimestampFrequency / TimeSpan.TicksPerSecond));
    }

    [Fact]
    public void GetElapsedTime_FollowsVirtualTime()
    {
        var before = _clock.GetTimestamp();

        _clock.Advance(S(1.5));

        Assert.Equal(S(1.5), _clock.GetElapsedTime(before));
    }

    [Fact]
    public async Task TaskDelay_OnTheClock_CompletesWhenAdvanced()
    {
        var delay = Task.Delay(S(2), _clock);

        _clock.Advance(S(1));
        Assert.False(delay.IsCompleted);
        _clock.Advance(S(1));

        await delay.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.True(delay.IsCompletedSuccessfully);
    }
}
