using Ivr.Media.Rtp;
using Ivr.Media.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Ivr.Media.Tests.Rtp;

public class RtpSenderTests
{
    private readonly FakeTimeProvider _time = new();
    private readonly byte[] _buffer = new byte[12];

    private RtpHeader Send(RtpSender sender, int samples = 160)
    {
        sender.WriteHeader(_buffer, samples);
        Assert.Equal(RtpPacketError.None, RtpPacket.TryParse(_buffer, out var packet));
        return packet.Header;
    }

    [Fact]
    public void New_InitialValuesAreRandom()
    {
        var senders = Enumerable.Range(0, 4).Select(_ => new RtpSender(0, _time)).ToArray();
        Assert.Equal(4, senders.Select(s => s.Ssrc).Distinct().Count());
        Assert.True(senders.Select(s => s.NextTimestamp).Distinct().Count() > 1);
        Assert.True(senders.Select(s => s.NextSequenceNumber).Distinct().Count() > 1);
    }

    [Fact]
    public void WriteHeader_SequencePlusOneTimestampPlus160MarkerOnFirstOnly()
    {
        var sender = new RtpSender(8, _time, ssrc: 77, initialSequenceNumber: 65534, initialTimestamp: 0xFFFFFF00);
        var headers = Enumerable.Range(0, 4).Select(_ =>
        {
            var header = Send(sender);
            _time.Advance(TimeSpan.FromMilliseconds(20));
            return header;
        }).ToArray();

        Assert.Equal(new ushort[] { 65534, 65535, 0, 1 }, headers.Select(h => h.SequenceNumber));
        Assert.Equal(new uint[] { 0xFFFFFF00, 0xFFFFFFA0, 0x40, 0xE0 }, headers.Select(h => h.Timestamp));
        Assert.Equal(new[] { true, false, false, false }, headers.Select(h => h.Marker));
        Assert.All(headers, h => Assert.Equal((8, 77u), (h.PayloadType, h.Ssrc)));
        Assert.Equal(4, sender.PacketsSent);
    }

    [Theory]
    [InlineData(20, 160)]
    [InlineData(1000, 8000)]
    [InlineData(1009, 8000)]
    [InlineData(1011, 8160)]
    public void BeginTalkspurt_AfterPause_MarkerAndTimestampByElapsedTime(int pauseMs, uint expectedAdvance)
    {
        var sender = new RtpSender(0, _time, initialTimestamp: 1000);
        Send(sender);
        _time.Advance(TimeSpan.FromMilliseconds(pauseMs));
        sender.BeginTalkspurt();
        var header = Send(sender);
        Assert.True(header.Marker);
        Assert.Equal(1000 + expectedAdvance, header.Timestamp);
        _time.Advance(TimeSpan.FromMilliseconds(20));
        Assert.False(Send(sender).Marker);
    }

    [Theory]
    [InlineData(0, 160)]      // taken over at once: the next packet's slot
    [InlineData(2000, 16000)] // two seconds of ring-back silence later
    public void Continuation_AfterTheLastPacket_SameSsrcNextSequenceTimestampByElapsedTime(int afterMs, uint expectedAdvance)
    {
        var sender = new RtpSender(0, _time, ssrc: 9, initialSequenceNumber: 65535, initialTimestamp: 5000);
        Send(sender);
        _time.Advance(TimeSpan.FromMilliseconds(afterMs));

        var continuation = sender.Continuation();

        Assert.Equal(new RtpContinuation(9, 0, 5000 + expectedAdvance), continuation);
    }

    [Fact]
    public void Continuation_NothingSentYet_TheInitialNumbers()
    {
        var sender = new RtpSender(0, _time, ssrc: 9, initialSequenceNumber: 3, initialTimestamp: 5000);
        _time.Advance(TimeSpan.FromSeconds(3));
        Assert.Equal(new RtpContinuation(9, 3, 5000), sender.Continuation());
    }

    [Fact]
    public void WriteHeader_BadArguments_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new RtpSender(128, _time));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RtpSender(0, _time).WriteHeader(_buffer, 0));
        Assert.Throws<ArgumentException>(() => new RtpSender(0, _time).WriteHeader(new byte[8], 160));
    }

    [Fact]
    public void WriteHeader_AllocatesNothing()
    {
        var sender = new RtpSender(0, TimeProvider.System);
        Assert.Equal(0, Allocations.Of(() =>
        {
            for (var i = 0; i < 1000; i++) sender.WriteHeader(_buffer, 160);
        }));
        Assert.Equal(4000, sender.PacketsSent);
    }
}
