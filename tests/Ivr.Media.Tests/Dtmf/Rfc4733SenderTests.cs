using Ivr.Media.Dtmf;
using Ivr.Media.Rtp;

namespace Ivr.Media.Tests.Dtmf;

public class Rfc4733SenderTests
{
    private const uint Ssrc = 0x1234ABCD;

    [Fact]
    public void WriteNext_100msAt20ms_FourUpdatesThenThreeEnds()
    {
        var packets = Press(new Rfc4733Sender(101, Ssrc), '5', firstSequence: 1000, timestamp: 48_000);

        Assert.Equal(7, packets.Count);
        Assert.Equal([160, 320, 480, 640, 800, 800, 800], packets.Select(p => (int)p.Event.Duration));
        Assert.Equal([false, false, false, false, true, true, true], packets.Select(p => p.Event.End));
        Assert.All(packets, p => Assert.Equal(5, p.Event.Event));
        Assert.All(packets, p => Assert.Equal(10, p.Event.Volume));
    }

    [Fact]
    public void WriteNext_HeaderCarriesTypeSsrcAndTheEventsStartTimestamp()
    {
        var packets = Press(new Rfc4733Sender(101, Ssrc), '#', firstSequence: 65_534, timestamp: uint.MaxValue - 100);

        Assert.All(packets, p => Assert.Equal(101, p.Header.PayloadType));
        Assert.All(packets, p => Assert.Equal(Ssrc, p.Header.Ssrc));
        Assert.All(packets, p => Assert.Equal(uint.MaxValue - 100, p.Header.Timestamp));
        Assert.Equal([65_534, 65_535, 0, 1, 2, 3, 4], packets.Select(p => (int)p.Header.SequenceNumber)); // wraps
        Assert.Equal(11, packets[0].Event.Event);
    }

    [Fact]
    public void WriteNext_MarkerOnlyOnTheFirstPacket()
    {
        var packets = Press(new Rfc4733Sender(101, Ssrc), '1', 1, 0);

        Assert.True(packets[0].Header.Marker);
        Assert.All(packets.Skip(1), p => Assert.False(p.Header.Marker));
    }

    [Fact]
    public void NextAudioTimestamp_StartPlusOneIntervalPerPacket()
    {
        var sender = new Rfc4733Sender(101, Ssrc);
        Press(sender, '9', 1, 8000);

        Assert.Equal(8000u + 7 * 160, sender.NextAudioTimestamp);
        Assert.False(sender.IsSending);
    }

    [Fact]
    public void WriteNext_ToneNotAMultipleOfTheInterval_LastUpdateCappedAtTheToneLength()
    {
        var sender = new Rfc4733Sender(96, Ssrc, toneLength: TimeSpan.FromMilliseconds(90), packetInterval: TimeSpan.FromMilliseconds(50));

        var packets = Press(sender, '0', 1, 0);

        Assert.Equal([400, 720, 720, 720], packets.Select(p => (int)p.Event.Duration));
        Assert.Equal([false, true, true, true], packets.Select(p => p.Event.End));
    }

    [Fact]
    public void Packets_ReadByTheReceiver_OnePress()
    {
        var receiver = new Rfc4733Receiver();
        var presses = new List<char>();
        foreach (var p in Press(new Rfc4733Sender(101, Ssrc), '*', 7, 320))
        {
            var result = receiver.Receive(Ssrc, p.Header.Timestamp, p.Event);
            if (result.Outcome == Rfc4733Outcome.KeyPressed) presses.Add(result.Key);
        }

        Assert.Equal(['*'], presses);
    }

    [Fact]
    public void Start_WhileSending_Throws()
    {
        var sender = new Rfc4733Sender(101, Ssrc);
        sender.Start('1', 0);

        Assert.Throws<InvalidOperationException>(() => sender.Start('2', 0));
    }

    [Theory]
    [InlineData('X')]
    [InlineData('e')]
    public void Start_NotAKey_Throws(char key) =>
        Assert.Throws<ArgumentException>(() => new Rfc4733Sender(101, Ssrc).Start(key, 0));

    [Fact]
    public void WriteNext_WithoutStart_Throws() =>
        Assert.Throws<InvalidOperationException>(() => new Rfc4733Sender(101, Ssrc).WriteNext(new byte[16], 1));

    [Fact]
    public void Constructor_BadArguments_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Rfc4733Sender(128, Ssrc));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Rfc4733Sender(101, Ssrc, volume: 64));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Rfc4733Sender(101, Ssrc, toneLength: TimeSpan.FromMilliseconds(10)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Rfc4733Sender(101, Ssrc, toneLength: TimeSpan.FromSeconds(9)));
    }

    private static List<(RtpHeader Header, Rfc4733Event Event)> Press(Rfc4733Sender sender, char key, ushort firstSequence, uint timestamp)
    {
        var packets = new List<(RtpHeader, Rfc4733Event)>();
        var buffer = new byte[Rfc4733Sender.PacketLength];
        sender.Start(key, timestamp);
        var sequence = firstSequence;
        while (sender.IsSending)
        {
            var length = sender.WriteNext(buffer, sequence++);
            Assert.Equal(RtpPacketError.None, RtpPacket.TryParse(buffer.AsSpan(0, length), out var packet));
            Assert.True(Rfc4733Event.TryParse(packet.Payload, out var value));
            Assert.Equal(Rfc4733Event.Length, packet.Payload.Length);
            packets.Add((packet.Header, value));
        }

        return packets;
    }
}
