using Ivr.Host.SipReplay;
using Ivr.Media.Codecs;
using Ivr.Media.Dtmf;
using Ivr.Media.Rtp;
using Microsoft.Extensions.Time.Testing;

namespace Ivr.Host.Tests.SipReplay;

public sealed class KeyPressSplicerTests
{
    private const byte TelephoneEvent = 101;
    private readonly FakeTimeProvider _time = new();
    private readonly RtpSender _audio;
    private readonly KeyPressSplicer _splicer;

    public KeyPressSplicerTests()
    {
        _audio = new RtpSender((byte)G711Law.MuLaw, _time, ssrc: 77, initialSequenceNumber: 65530, initialTimestamp: 1000);
        _splicer = new KeyPressSplicer(TelephoneEvent, _audio.Ssrc);
    }

    /// <summary>One 20 ms audio packet from the stream's sender, through the splicer, parsed.</summary>
    private RtpPacketCopy Next()
    {
        var audio = new byte[RtpHeader.FixedLength + G711.SamplesPer20Ms];
        _audio.WriteHeader(audio, G711.SamplesPer20Ms);
        _time.Advance(TimeSpan.FromMilliseconds(20));
        var sent = _splicer.Splice(audio).ToArray();
        Assert.Equal(RtpPacketError.None, RtpPacket.TryParse(sent, out var packet));
        return new RtpPacketCopy(packet.Header, packet.Payload.ToArray());
    }

    [Fact]
    public void Splice_NoKey_SendsTheAudioUnchanged()
    {
        var packet = Next();

        Assert.Equal((byte)G711Law.MuLaw, packet.Header.PayloadType);
        Assert.Equal(G711.SamplesPer20Ms, packet.Payload.Length);
        Assert.False(_splicer.KeysPending);
    }

    [Fact]
    public void Splice_Key_ReplacesAudioPacketsThenAudioGoesOnAtTheEventsEnd()
    {
        var before = Next();
        _splicer.Press('5');
        Assert.True(_splicer.KeysPending);

        var perPress = new Rfc4733Sender(TelephoneEvent, 77).PacketsPerPress;
        var events = Enumerable.Range(0, perPress).Select(_ => Next()).ToList();
        var after = Next();

        Assert.All(events, e => Assert.Equal(TelephoneEvent, e.Header.PayloadType));
        Assert.All(events, e => Assert.Equal(before.Header.Timestamp + G711.SamplesPer20Ms, e.Header.Timestamp)); // the event starts at the replaced frame
        Assert.Equal(Enumerable.Range(1, perPress + 1).Select(i => unchecked((ushort)(before.Header.SequenceNumber + i))),
            events.Append(after).Select(p => p.Header.SequenceNumber)); // no gap, no renumbering, across the wrap
        Assert.True(events[0].Header.Marker);
        Assert.All(events, e => Assert.True(Rfc4733Event.TryParse(e.Payload, out var value) && value.Key == '5'));
        Assert.True(Rfc4733Event.TryParse(events[^1].Payload, out var last) && last.End);
        Assert.Equal((byte)G711Law.MuLaw, after.Header.PayloadType);
        Assert.Equal(events[0].Header.Timestamp + (uint)(perPress * G711.SamplesPer20Ms), after.Header.Timestamp);
        Assert.Equal(1, _splicer.KeysSent);
        Assert.False(_splicer.KeysPending);
    }

    [Fact]
    public void Splice_TwoKeys_SentOneAfterTheOther()
    {
        _splicer.Press('1');
        _splicer.Press('#');
        var perPress = new Rfc4733Sender(TelephoneEvent, 77).PacketsPerPress;

        var keys = Enumerable.Range(0, 2 * perPress)
            .Select(_ => Next())
            .Select(p => Rfc4733Event.TryParse(p.Payload, out var value) ? value.Key : null)
            .ToList();

        Assert.Equal([.. Enumerable.Repeat<char?>('1', perPress), .. Enumerable.Repeat<char?>('#', perPress)], keys);
        Assert.Equal(2, _splicer.KeysSent);
    }

    [Fact]
    public void Press_NotADtmfKey_Throws() =>
        Assert.Throws<ArgumentException>(() => _splicer.Press('x'));

    private sealed record RtpPacketCopy(RtpHeader Header, byte[] Payload);
}
