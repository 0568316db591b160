using Ivr.Media.Dtmf;
using Ivr.Media.Rtp;

namespace Ivr.Media.Tests.Dtmf;

/// <summary>The duplicate-DTMF cases users report against SIPSorcery (issues #224, #950), each explicit.</summary>
public class Rfc4733ReceiverTests
{
    private const uint Ssrc = 0x1234;

    /// <summary>Packets a typical sender makes for one press: a start, an update every 20 ms, three end packets.</summary>
    private static List<(uint Ssrc, uint Timestamp, Rfc4733Event Event)> Press(char key, uint timestamp, ushort duration, uint ssrc = Ssrc)
    {
        var code = (byte)DtmfKey.ToEvent(key)!.Value;
        var packets = new List<(uint, uint, Rfc4733Event)>();
        for (var d = 160; d < duration; d += 160) packets.Add((ssrc, timestamp, new Rfc4733Event(code, false, 10, (ushort)d)));
        for (var i = 0; i < 3; i++) packets.Add((ssrc, timestamp, new Rfc4733Event(code, true, 10, duration)));
        return packets;
    }

    private static string Keys(Rfc4733Receiver receiver, IEnumerable<(uint Ssrc, uint Timestamp, Rfc4733Event Event)> packets) =>
        new(packets.Select(p => receiver.Receive(p.Ssrc, p.Timestamp, p.Event)).Where(r => r.IsKeyPress).Select(r => r.Key).ToArray());

    [Fact]
    public void Receive_OnePressWithThreeEndPackets_ReportedOnce()
    {
        var receiver = new Rfc4733Receiver();
        var results = Press('5', 1000, 800).Select(p => receiver.Receive(p.Ssrc, p.Timestamp, p.Event)).ToList();
        Assert.Equal(Rfc4733Outcome.KeyPressed, results[0].Outcome);
        Assert.Equal('5', results[0].Key);
        Assert.Equal(1, results.Count(r => r.Outcome == Rfc4733Outcome.KeyPressed));
        Assert.Equal(1, results.Count(r => r.Outcome == Rfc4733Outcome.KeyReleased));
        Assert.Equal(800, results.Single(r => r.Outcome == Rfc4733Outcome.KeyReleased).Duration);
        Assert.Equal(1, receiver.KeyPresses);
    }

    [Fact]
    public void Receive_SameKeyTwice_ReportedTwice()
    {
        var receiver = new Rfc4733Receiver();
        Assert.Equal("33", Keys(receiver, Press('3', 1000, 800).Concat(Press('3', 3000, 800))));
    }

    [Fact]
    public void Receive_HotlineNumber_EachDigitOnce()
    {
        var receiver = new Rfc4733Receiver();
        var packets = "12333".SelectMany((key, i) => Press(key, (uint)(8000 + i * 2400), 960));
        Assert.Equal("12333", Keys(receiver, packets));
    }

    [Fact]
    public void Receive_EveryPacketRetransmitted_ReportedOnce()
    {
        var receiver = new Rfc4733Receiver();
        var packets = Press('7', 500, 1120).SelectMany(p => new[] { p, p });
        Assert.Equal("7", Keys(receiver, packets));
    }

    [Fact]
    public void Receive_StartPacketsLost_ReportedOnFirstUpdate()
    {
        var receiver = new Rfc4733Receiver();
        Assert.Equal("9", Keys(receiver, Press('9', 500, 1120).Skip(3)));
    }

    [Fact]
    public void Receive_OnlyEndPacketsArrive_ReportedOnce()
    {
        var receiver = new Rfc4733Receiver();
        var results = Press('0', 500, 800).Where(p => p.Event.End).Select(p => receiver.Receive(p.Ssrc, p.Timestamp, p.Event)).ToList();
        Assert.Equal([Rfc4733Outcome.KeyPressed, Rfc4733Outcome.Continuation, Rfc4733Outcome.Continuation], results.Select(r => r.Outcome));
    }

    [Fact]
    public void Receive_AllEndPacketsLost_PressStillReportedAndNextPressToo()
    {
        var receiver = new Rfc4733Receiver();
        var first = Press('1', 500, 800).Where(p => !p.Event.End);
        Assert.Equal("12", Keys(receiver, first.Concat(Press('2', 4000, 800))));
    }

    [Fact]
    public void Receive_AllEndPacketsLost_SameKeyAgain_ReportedTwice()
    {
        var receiver = new Rfc4733Receiver();
        var first = Press('4', 500, 800).Where(p => !p.Event.End);
        Assert.Equal("44", Keys(receiver, first.Concat(Press('4', 2000, 800))));
    }

    [Fact]
    public void Receive_LongPress_DurationUpdatesAreOnePress()
    {
        var receiver = new Rfc4733Receiver();
        var results = Press('#', 100, 40000).Select(p => receiver.Receive(p.Ssrc, p.Timestamp, p.Event)).ToList();
        Assert.Equal(1, results.Count(r => r.IsKeyPress));
        Assert.Equal(40000, results[^1].Duration);
    }

    [Fact]
    public void Receive_ReorderedUpdatesAndEnd_ReportedOnce()
    {
        var receiver = new Rfc4733Receiver();
        var packets = Press('6', 100, 960);
        (packets[1], packets[4]) = (packets[4], packets[1]); // an end packet overtakes an update
        (packets[0], packets[2]) = (packets[2], packets[0]);
        Assert.Equal("6", Keys(receiver, packets));
    }

    [Fact]
    public void Receive_LateEndOfPreviousPress_Stale()
    {
        var receiver = new Rfc4733Receiver();
        Keys(receiver, Press('1', 500, 800).Take(3));
        Keys(receiver, Press('2', 3000, 800).Take(2));
        var late = receiver.Receive(Ssrc, 500, new Rfc4733Event(1, true, 10, 800));
        Assert.Equal(Rfc4733Outcome.Stale, late.Outcome);
    }

    [Fact]
    public void Receive_NewSsrc_StartsAfreshEvenWithSameTimestamp()
    {
        var receiver = new Rfc4733Receiver();
        Assert.Equal("55", Keys(receiver, Press('5', 500, 800).Concat(Press('5', 500, 800, ssrc: 99))));
    }

    [Fact]
    public void Receive_OldSsrcPacketAfterSwitch_NotReportedAgain()
    {
        var receiver = new Rfc4733Receiver();
        var packets = Press('5', 500, 800).Concat(Press('8', 9000, 800, ssrc: 99)).Append(Press('5', 500, 800)[^1]);
        Assert.Equal("58", Keys(receiver, packets));
    }

    [Fact]
    public void Receive_LongEventInSegments_OnePress()
    {
        // RFC 4733 §2.5.1.3: past 0xFFFF timestamp units the sender starts a new segment at ts + 0xFFFF.
        var receiver = new Rfc4733Receiver();
        var packets = new List<(uint, uint, Rfc4733Event)>
        {
            (Ssrc, 1000, new Rfc4733Event(0, false, 10, 160)),
            (Ssrc, 1000, new Rfc4733Event(0, false, 10, 0xFF00)),
            (Ssrc, 1000, new Rfc4733Event(0, false, 10, 0xFFFF)),
            (Ssrc, 1000 + 0xFFFF, new Rfc4733Event(0, false, 10, 160)),
            (Ssrc, 1000 + 0xFFFF, new Rfc4733Event(0, true, 10, 4000)),
            (Ssrc, 1000 + 0xFFFF, new Rfc4733Event(0, true, 10, 4000)),
        };
        Assert.Equal("0", Keys(receiver, packets));
    }

    [Fact]
    public void Receive_TimestampWrapsAround_StillNewPress()
    {
        var receiver = new Rfc4733Receiver();
        Assert.Equal("12", Keys(receiver, Press('1', 0xFFFFF000, 800).Concat(Press('2', 0x00000400, 800))));
    }

    [Fact]
    public void Receive_NonDtmfOrShortPayload_Invalid()
    {
        var receiver = new Rfc4733Receiver();
        Assert.Equal(Rfc4733Outcome.Invalid, receiver.Receive(Ssrc, 1, new Rfc4733Event(16, false, 10, 160)).Outcome);
        var header = new RtpHeader(101, 1, 1, Ssrc);
        Assert.Equal(Rfc4733Outcome.Invalid, receiver.Receive(header, [1, 2, 3]).Outcome);
        Assert.Equal(Rfc4733Outcome.KeyPressed, receiver.Receive(header, [1, 0x0A, 0, 160]).Outcome);
    }

    [Fact]
    public void Receive_DifferentEventAtSameTimestamp_NewPress()
    {
        var receiver = new Rfc4733Receiver();
        Assert.Equal("12", Keys(receiver, Press('1', 500, 480).Concat(Press('2', 500, 480))));
    }
}
