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

    // The caller's prompt stream ended at SSRC 0x1234, next sequence 40000, next timestamp 777000.
    private static readonly RtpContinuation PromptStream = new(0x1234, 40000, 777000);

    [Theory]
    [InlineData(12)]     // the agent's sequence starts far below the last prompt packet's
    [InlineData(39999)]  // just below it
    [InlineData(40001)]  // just above it
    [InlineData(65000)]  // far above it
    public void Translate_ContinuingThePromptStream_SameSsrcNextSequenceWhateverTheAgentsStart(int agentSeq)
    {
        var translator = new RtpTranslator(AgentPcmu, CallerPcmu, PromptStream.Ssrc, () => PromptStream);

        var first = Translate(translator, Packet(0, seq: (ushort)agentSeq, ts: 5, ssrc: 99, payload: [1]));
        var second = Translate(translator, Packet(0, seq: unchecked((ushort)(agentSeq + 1)), ts: 165, ssrc: 99, payload: [2]));

        Assert.Equal(0x1234u, first.Header.Ssrc);
        Assert.Equal(0x1234u, second.Header.Ssrc);
        Assert.Equal((ushort)40000, first.Header.SequenceNumber);
        Assert.Equal((ushort)40001, second.Header.SequenceNumber);
        Assert.True(first.Header.Marker);
        Assert.Equal(777000u, first.Header.Timestamp);
        Assert.Equal(777160u, second.Header.Timestamp);
    }

    [Theory]
    [InlineData(0u)]
    [InlineData(776999u)]        // just behind the prompt's timestamp
    [InlineData(4_000_000_000u)] // far ahead, about to wrap
    public void Translate_AgentsTimestampJumps_CallerTimestampContinuesThePromptAndKeepsTheAgentsSpacing(uint agentTs)
    {
        var translator = new RtpTranslator(AgentPcmu, CallerPcmu, PromptStream.Ssrc, () => PromptStream);

        var first = Translate(translator, Packet(0, seq: 7, ts: agentTs, ssrc: 99, payload: [1]));
        var afterPause = Translate(translator, Packet(0, seq: 8, ts: unchecked(agentTs + 1600), ssrc: 99, payload: [2]));

        Assert.Equal(777000u, first.Header.Timestamp);
        Assert.Equal(777000u + 1600, afterPause.Header.Timestamp); // a talkspurt's pause survives
    }

    [Fact]
    public void Translate_PromptStillPlaying_PacketHeldBackThenContinues()
    {
        RtpContinuation? stream = null;
        var translator = new RtpTranslator(AgentPcmu, CallerPcmu, PromptStream.Ssrc, () => stream);

        Assert.Equal(0, Translate(translator, Packet(0, 1, 0, 99, [1]), new byte[1500]));
        stream = PromptStream;
        var next = Translate(translator, Packet(0, seq: 2, ts: 160, ssrc: 99, payload: [2]));

        Assert.Equal(1, translator.Dropped);
        Assert.Equal((ushort)40000, next.Header.SequenceNumber);
        Assert.Equal(0x1234u, next.Header.Ssrc);
    }

    [Theory]
    [InlineData(-20000)]
    [InlineData(20000)]
    public void Translate_SequenceJumpsWithinOneSsrc_TreatedAsANewSourceAndContinued(int jump)
    {
        var translator = new RtpTranslator(AgentPcmu, CallerPcmu, PromptStream.Ssrc, () => PromptStream);
        Translate(translator, Packet(0, seq: 30000, ts: 100, ssrc: 99, payload: [1]));
        var small = Translate(translator, Packet(0, seq: 30002, ts: 420, ssrc: 99, payload: [1])); // one lost: gap kept

        var jumped = Translate(translator, Packet(0, seq: (ushort)(30002 + jump), ts: 9_999_999, ssrc: 99, payload: [2]));

        Assert.Equal((ushort)40002, small.Header.SequenceNumber);
        Assert.Equal((ushort)40003, jumped.Header.SequenceNumber);
        Assert.Equal(777320u + 160, jumped.Header.Timestamp);
        Assert.True(jumped.Header.Marker);
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
