using Ivr.Media.Codecs;
using Ivr.Media.Rtp;
using Ivr.Telephony.Bridging;
using Ivr.Telephony.Calls;

namespace Ivr.Telephony.Tests.Bridging;

public sealed class RtpTranslatorTests
{
    private static readonly NegotiatedMedia CallerPcmu = new(G711Law.MuLaw, 0, 101, null);
    private static readonly NegotiatedMedia AgentPcmu = new(G711Law.MuLaw, 0, 96, null);
    private static readonly NegotiatedMedia AgentPcma = new(G711Law.ALaw, 8, null, null);

    [Fact]
    public void Translate_Audio_NewSsrcOffsetsKeptAndPayloadCopied()
    {
        var translator = new RtpTranslator(CallerPcmu, AgentPcmu, ssrc: 0xCAFE);
        var first = Translate(translator, Packet(0, seq: 100, ts: 16000, ssrc: 1, payload: [1, 2, 3]));
        var second = Translate(translator, Packet(0, seq: 102, ts: 16320, ssrc: 1, payload: [4, 5, 6]));

        Assert.Equal(0xCAFEu, first.Header.Ssrc);
        Assert.True(first.Header.Marker);
        Assert.False(second.Header.Marker);
        Assert.Equal((ushort)(first.Header.SequenceNumber + 2), second.Header.SequenceNumber);
        Assert.Equal(first.Header.Timestamp + 320, second.Header.Timestamp);
        Assert.Equal([4, 5, 6], second.Payload);
        Assert.Equal(2, translator.Translated);
    }

    [Fact]
    public void Translate_TelephoneEvent_MappedToTheOtherLegsType()
    {
        var translator = new RtpTranslator(CallerPcmu, AgentPcmu);

        var packet = Translate(translator, Packet(101, seq: 1, ts: 800, ssrc: 1, payload: [5, 0x8A, 0, 160]));

        Assert.Equal(96, packet.Header.PayloadType);
        Assert.Equal([5, 0x8A, 0, 160], packet.Payload);
    }

    [Fact]
    public void Translate_EventWhenOtherLegHasNone_OrUnknownType_Dropped()
    {
        var translator = new RtpTranslator(CallerPcmu, AgentPcma);
        var buffer = new byte[1500];

        Assert.Equal(0, Translate(translator, Packet(101, 1, 0, 1, [5, 0, 0, 160]), buffer));
        Assert.Equal(0, Translate(translator, Packet(13, 2, 0, 1, [40]), buffer));
        Assert.Equal(2, translator.Dropped);
    }

    [Fact]
    public void Translate_DifferentLaws_Transcoded()
    {
        var translator = new RtpTranslator(CallerPcmu, AgentPcma);
        var samples = Ivr.Media.Playout.Tone.Sine(1000, TimeSpan.FromMilliseconds(20));
        var ulaw = new byte[160];
        G711.Encode(G711Law.MuLaw, samples, ulaw);

        var packet = Translate(translator, Packet(0, 1, 0, 1, ulaw));

        Assert.Equal(8, packet.Header.PayloadType);
        var decoded = new short[160];
        G711.Decode(G711Law.ALaw, packet.Payload, decoded);
        for (var i = 0; i < 160; i++) Assert.InRange(decoded[i] - samples[i], -600, 600);
    }

    [Fact]
    public void Translate_IncomingSsrcChanges_NumberingContinuesWithMarker()
    {
        var translator = new RtpTranslator(CallerPcmu, AgentPcmu);
        var before = Translate(translator, Packet(0, seq: 500, ts: 9000, ssrc: 1, payload: [1]));

        var after = Translate(translator, Packet(0, seq: 7, ts: 123456, ssrc: 2, payload: [2]));

        Assert.Equal(before.Header.Ssrc, after.Header.Ssrc);
        Assert.Equal((ushort)(before.Header.SequenceNumber + 1), after.Header.SequenceNumber);
        Assert.Equal(before.Header.Timestamp + 160, after.Header.Timestamp);
        Assert.True(after.Header.Marker);
    }

    [Fact]
    public void Translate_SequenceWraps_StaysContiguous()
    {
        var translator = new RtpTranslator(CallerPcmu, AgentPcmu);
        var a = Translate(translator, Packet(0, seq: 65535, ts: 0, ssrc: 1, payload: [1]));

        var b = Translate(translator, Packet(0, seq: 0, ts: 160, ssrc: 1, payload: [1]));

        Assert.Equal(unchecked((ushort)(a.Header.SequenceNumber + 1)), b.Header.SequenceNumber);
    }

    private static byte[] Packet(byte pt, ushort seq, uint ts, uint ssrc, byte[] payload)
    {
        var bytes = new byte[RtpHeader.FixedLength + payload.Length];
        new RtpHeader(pt, seq, ts, ssrc).WriteTo(bytes);
        payload.CopyTo(bytes, RtpHeader.FixedLength);
        return bytes;
    }

    private static int Translate(RtpTranslator translator, byte[] input, byte[] output)
    {
        Assert.Equal(RtpPacketError.None, RtpPacket.TryParse(input, out var packet));
        return translator.Translate(packet, output);
    }

    private static (RtpHeader Header, byte[] Payload) Translate(RtpTranslator translator, byte[] input)
    {
        var output = new byte[1500];
        var length = Translate(translator, input, output);
        Assert.True(length > 0, "the packet was dropped");
        Assert.Equal(RtpPacketError.None, RtpPacket.TryParse(output.AsSpan(0, length), out var packet));
        return (packet.Header, packet.Payload.ToArray());
    }
}
