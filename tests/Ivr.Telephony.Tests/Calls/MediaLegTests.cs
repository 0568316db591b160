using Ivr.Media.Rtp;
using Ivr.Telephony.Calls;
using Ivr.Telephony.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace Ivr.Telephony.Tests.Calls;

public sealed class MediaLegTests
{
    private readonly FakeTimeProvider _time = new();
    private readonly FakeRtpTransport _rtp = new(40002);
    private readonly List<int> _released = [];
    private readonly MediaLeg _leg;
    private int _packets;
    private int _timeouts;

    public MediaLegTests()
    {
        _leg = new MediaLeg(_rtp, _released.Add, _time, TimeSpan.FromSeconds(1), "test leg", _ => { });
        _leg.Receive(_ => _packets++);
    }

    [Fact]
    public void Close_Twice_ReleasesThePortOnceAndStopsReceiving()
    {
        Assert.True(_leg.Close());
        Assert.False(_leg.Close());
        _rtp.ReceiveAudio(1);

        Assert.Equal([40002], _released);
        Assert.True(_rtp.Disposed);
        Assert.Equal(0, _packets);
        Assert.False(_leg.Send(Packet()));
    }

    [Fact]
    public void Send_OnHold_NothingGoesOut()
    {
        _leg.SetHold(true);
        Assert.False(_leg.Send(Packet()));
        _leg.SetHold(false);

        Assert.True(_leg.Send(Packet()));
        Assert.Single(_rtp.Sent);
        Assert.Equal(1, _leg.PacketsSent);
    }

    [Fact]
    public void WatchTimeout_PacketsKeepItAliveSilenceEndsItOnce()
    {
        _leg.WatchTimeout(() => _timeouts++);

        for (var i = 0; i < 10; i++)
        {
            _time.Advance(TimeSpan.FromMilliseconds(500));
            _rtp.ReceiveAudio(1);
        }

        Assert.Equal(0, _timeouts);
        _time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(1, _timeouts);
        Assert.Equal(10, _leg.PacketsReceived);
    }

    [Fact]
    public void WatchTimeout_AfterClose_NeverFires()
    {
        _leg.Close();

        _leg.WatchTimeout(() => _timeouts++);
        _time.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal(0, _timeouts);
    }

    private static byte[] Packet()
    {
        var packet = new byte[172];
        new RtpHeader(0, 1, 160, 7, false).WriteTo(packet);
        return packet;
    }
}
