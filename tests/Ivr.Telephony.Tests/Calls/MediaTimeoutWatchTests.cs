using Ivr.Telephony.Calls;
using Microsoft.Extensions.Time.Testing;

namespace Ivr.Telephony.Tests.Calls;

public sealed class MediaTimeoutWatchTests
{
    private readonly FakeTimeProvider _time = new();
    private int _fired;

    [Fact]
    public void Check_NoPacketForTheTimeout_FiresOnce()
    {
        using var watch = new MediaTimeoutWatch(_time, TimeSpan.FromSeconds(30), () => _fired++);

        _time.Advance(TimeSpan.FromSeconds(29));
        Assert.Equal(0, _fired);
        _time.Advance(TimeSpan.FromSeconds(1));
        _time.Advance(TimeSpan.FromSeconds(60));

        Assert.Equal(1, _fired);
    }

    [Fact]
    public void Activity_EveryFewSeconds_NeverFires()
    {
        using var watch = new MediaTimeoutWatch(_time, TimeSpan.FromSeconds(30), () => _fired++);

        for (var i = 0; i < 20; i++)
        {
            _time.Advance(TimeSpan.FromSeconds(20));
            watch.Activity();
        }

        Assert.Equal(0, _fired);
    }

    [Fact]
    public void SetHold_Silent_DoesNotFireUntilResumedAndSilentAgain()
    {
        using var watch = new MediaTimeoutWatch(_time, TimeSpan.FromSeconds(30), () => _fired++);
        watch.SetHold(true);

        _time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(0, _fired);
        watch.SetHold(false);
        _time.Advance(TimeSpan.FromSeconds(29));
        Assert.Equal(0, _fired);
        _time.Advance(TimeSpan.FromSeconds(2));

        Assert.Equal(1, _fired);
    }
}
