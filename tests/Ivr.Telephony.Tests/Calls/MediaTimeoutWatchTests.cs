using Ivr.Telephony.Calls;
using Microsoft.Extensions.Time.Testing;

namespace Ivr.Telephony.Tests.Calls;

public sealed class MediaTimeoutWatchTests
{
    private readonly FakeTimeProvider _time = new();
    private readonly PacketCount _media = new();
    private int _fired;

    [Fact]
    public void Check_NoPacketForTheTimeout_FiresOnce()
    {
        using var watch = new MediaTimeoutWatch(_time, TimeSpan.FromSeconds(30), _media, () => _fired++);

        _time.Advance(TimeSpan.FromSeconds(29));
        Assert.Equal(0, _fired);
        _time.Advance(TimeSpan.FromSeconds(1));
        _time.Advance(TimeSpan.FromSeconds(60));

        Assert.Equal(1, _fired);
    }

    [Fact]
    public void Packets_EveryFewSeconds_NeverFires()
    {
        using var watch = new MediaTimeoutWatch(_time, TimeSpan.FromSeconds(30), _media, () => _fired++);

        for (var i = 0; i < 20; i++)
        {
            _time.Advance(TimeSpan.FromSeconds(20));
            _media.Receive();
        }

        Assert.Equal(0, _fired);
    }

    [Fact]
    public void LastPacketBetweenChecks_FiresAtTheFirstCheckATimeoutAfterIt()
    {
        using var watch = new MediaTimeoutWatch(_time, TimeSpan.FromSeconds(30), _media, () => _fired++); // checked every second

        _time.Advance(TimeSpan.FromMilliseconds(10_500));
        _media.Receive(); // at 10.5 s: seen by the check at 11 s
        _time.Advance(TimeSpan.FromMilliseconds(30_400)); // 40.9 s: 30 s after the packet, not yet a check
        Assert.Equal(0, _fired);
        _time.Advance(TimeSpan.FromMilliseconds(100)); // the check at 41 s

        Assert.Equal(1, _fired);
    }

    [Fact]
    public void NoPacketAtAll_NotSoonerThanTheTimeoutAtMostAPeriodLater()
    {
        using var watch = new MediaTimeoutWatch(_time, TimeSpan.FromSeconds(30), _media, () => _fired++);

        for (var i = 0; i < 299; i++) _time.Advance(TimeSpan.FromMilliseconds(100)); // 29.9 s
        Assert.Equal(0, _fired);
        for (var i = 0; i < 11; i++) _time.Advance(TimeSpan.FromMilliseconds(100)); // 31 s

        Assert.Equal(1, _fired);
    }

    [Fact]
    public void SetHold_Silent_DoesNotFireUntilResumedAndSilentAgain()
    {
        using var watch = new MediaTimeoutWatch(_time, TimeSpan.FromSeconds(30), _media, () => _fired++);
        watch.SetHold(true);

        _time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(0, _fired);
        watch.SetHold(false);
        _time.Advance(TimeSpan.FromSeconds(29));
        Assert.Equal(0, _fired);
        _time.Advance(TimeSpan.FromSeconds(2));

        Assert.Equal(1, _fired);
    }

    /// <summary>A leg's packet count, as the receiving thread keeps it.</summary>
    internal sealed class PacketCount : IReceivedPackets
    {
        private long _packets;

        public long PacketsReceived => Volatile.Read(ref _packets);

        public void Receive() => Volatile.Write(ref _packets, _packets + 1);
    }
}
