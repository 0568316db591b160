using Ivr.Media.Codecs;
using Ivr.Media.Dtmf;
using Ivr.Media.Inbound;
using Ivr.Media.Recording;
using Ivr.Media.Rtp;
using Ivr.Media.Tests.Support;
using Ivr.Media.Wav;

namespace Ivr.Media.Tests.Inbound;

public class InboundMediaTests
{
    private readonly List<DtmfKeyPress> _keys = [];
    private ushort _sequence = 100;

    private void Deliver(InboundMedia media, byte payloadType, uint timestamp, ReadOnlySpan<byte> payload)
    {
        var bytes = new byte[12 + payload.Length];
        new RtpHeader(payloadType, _sequence++, timestamp, 0xCAFE).WriteTo(bytes);
        payload.CopyTo(bytes.AsSpan(12));
        Assert.Equal(RtpPacketError.None, RtpPacket.TryParse(bytes, out var packet));
        media.Receive(packet);
    }

    private void DeliverAudio(InboundMedia media, G711Law law, short[] samples, uint timestamp = 0)
    {
        var codes = new byte[160];
        for (var i = 0; i + 160 <= samples.Length; i += 160)
        {
            G711.Encode(law, samples.AsSpan(i, 160), codes);
            Deliver(media, (byte)law, timestamp + (uint)i, codes);
        }
    }

    private void DeliverSignal(InboundMedia media, double[] signal, uint timestamp) => DeliverAudio(media, G711Law.MuLaw, Signal.ToPcm(signal), timestamp);

    private void DeliverPress(InboundMedia media, char key, uint timestamp)
    {
        var payload = new byte[4];
        var code = (byte)DtmfKey.ToEvent(key)!.Value;
        foreach (var (end, duration) in new[] { (false, 160), (false, 320), (false, 480), (true, 640), (true, 640), (true, 640) })
        {
            new Rfc4733Event(code, end, 10, (ushort)duration).WriteTo(payload);
            Deliver(media, 101, timestamp, payload);
        }
    }

    [Fact]
    public void Receive_TelephoneEvents_EachPressOnce()
    {
        var media = new InboundMedia(G711Law.ALaw, 101, _keys.Add);
        Assert.True(media.InBandDetection); // auto: until the first RFC 4733 packet
        DeliverPress(media, '1', 1000);
        Assert.False(media.InBandDetection);
        DeliverPress(media, '1', 3000);
        DeliverPress(media, '#', 5000);
        Assert.Equal([new('1', DtmfSource.Rfc4733), new('1', DtmfSource.Rfc4733), new('#', DtmfSource.Rfc4733)], _keys);
        Assert.Equal(18, media.EventPackets);
    }

    [Fact]
    public void Receive_TonesInAudioWithoutTelephoneEvent_DetectedInBand()
    {
        var media = new InboundMedia(G711Law.MuLaw, null, _keys.Add);
        Assert.True(media.InBandDetection);
        DeliverAudio(media, G711Law.MuLaw, Signal.ToPcm(Signal.Concat(Signal.Silence(100), Signal.Dtmf('5', 80), Signal.Silence(100), Signal.Dtmf('0', 80), Signal.Silence(100))));
        Assert.Equal([new('5', DtmfSource.InBand), new('0', DtmfSource.InBand)], _keys);
    }

    [Fact]
    public void Receive_GatewaySendsBothEventsAndTones_NoDuplicates()
    {
        // The tone is heard in-band before the event's first packet (the worst order): the event is the same press.
        var media = new InboundMedia(G711Law.ALaw, 101, _keys.Add);
        DeliverAudio(media, G711Law.ALaw, Signal.ToPcm(Signal.Concat(Signal.Silence(40), Signal.Dtmf('9', 100), Signal.Silence(100))));
        DeliverPress(media, '9', 320);
        Assert.Equal([new DtmfKeyPress('9', DtmfSource.InBand)], _keys);
    }

    [Fact]
    public void Receive_GatewaySendsEventsBeforeItsTones_NoDuplicates()
    {
        var media = new InboundMedia(G711Law.ALaw, 101, _keys.Add);
        DeliverPress(media, '9', 320);
        DeliverAudio(media, G711Law.ALaw, Signal.ToPcm(Signal.Concat(Signal.Silence(40), Signal.Dtmf('9', 100), Signal.Silence(100))));
        DeliverPress(media, '9', 2000);
        DeliverAudio(media, G711Law.ALaw, Signal.ToPcm(Signal.Concat(Signal.Dtmf('9', 100), Signal.Silence(100))), 2000);
        Assert.Equal([new DtmfKeyPress('9', DtmfSource.Rfc4733), new DtmfKeyPress('9', DtmfSource.Rfc4733)], _keys);
    }

    [Fact]
    public void Receive_AudioGoesToRecorderAndHandler()
    {
        var heard = new List<short>();
        var media = new InboundMedia(G711Law.ALaw, 101, _keys.Add, onAudio: s => heard.AddRange(s.ToArray()));
        var ended = new List<RecordingResult>();
        media.Recorder = new Recorder(new RecorderOptions { MaxLength = TimeSpan.FromMilliseconds(100) }, ended.Add);
        var audio = Signal.ToPcm(Signal.WithNoise(Signal.Silence(200), -20));
        DeliverAudio(media, G711Law.ALaw, audio);

        var decoded = audio.Select(s => ALaw.Decode(ALaw.Encode(s))).ToArray();
        Assert.Equal(decoded, heard);
        Assert.Equal(decoded[..800], media.Recorder.Samples.ToArray());
        Assert.Equal(RecordingEndReason.MaxLength, Assert.Single(ended).Reason);
        Assert.Equal(10, media.AudioPackets);
    }

    [Fact]
    public void Receive_OtherPayloadTypes_CountedAndIgnored()
    {
        var media = new InboundMedia(G711Law.MuLaw, 101, _keys.Add);
        Deliver(media, 13, 0, [40]);
        Deliver(media, 8, 0, new byte[160]);
        Assert.Equal(2, media.OtherPackets);
        Assert.Equal(0, media.AudioPackets);
    }

    [Fact]
    public void ReceiveSipInfo_ReportsKeyOrReason()
    {
        var media = new InboundMedia(G711Law.MuLaw, 101, _keys.Add);
        Assert.Null(media.ReceiveSipInfo("application/dtmf-relay", "Signal=*\r\nDuration=160\r\n"));
        Assert.Contains("no Signal", media.ReceiveSipInfo("application/dtmf-relay", "Duration=160"));
        Assert.Equal([new DtmfKeyPress('*', DtmfSource.SipInfo)], _keys);
    }

    // dtmfmode=auto (issue 14 finding 8): a peer that negotiated telephone-event but sends tones is heard in-band until
    // its first RFC 4733 packet; from then on only events count; speech and our own prompts never make a key.

    [Fact]
    public void Receive_TelephoneEventNegotiatedButTonesSent_HeardInBand()
    {
        var media = new InboundMedia(G711Law.MuLaw, 101, _keys.Add);
        DeliverSignal(media, Signal.Concat(Signal.Silence(100), Signal.Dtmf('1', 80), Signal.Silence(100), Signal.Dtmf('#', 80), Signal.Silence(100)), 0);
        Assert.Equal([new('1', DtmfSource.InBand), new('#', DtmfSource.InBand)], _keys);
        Assert.True(media.InBandDetection);
    }

    [Fact]
    public void Receive_AfterTheFirstEvent_TonesNoLongerCount()
    {
        var media = new InboundMedia(G711Law.MuLaw, 101, _keys.Add);
        DeliverPress(media, '4', 0);
        DeliverSignal(media, Signal.Concat(Signal.Silence(100), Signal.Dtmf('2', 100), Signal.Silence(100)), 1000);
        Assert.Equal([new DtmfKeyPress('4', DtmfSource.Rfc4733)], _keys);
        Assert.False(media.InBandDetection);
    }

    [Fact]
    public void Receive_ToneThenALaterEventOfTheSameKey_TwoPresses()
    {
        // A caller who pressed 7 in-band, then (on a phone that switched to events) 7 again half a second later.
        var media = new InboundMedia(G711Law.MuLaw, 101, _keys.Add);
        DeliverSignal(media, Signal.Concat(Signal.Silence(40), Signal.Dtmf('7', 100), Signal.Silence(400)), 0);
        DeliverPress(media, '7', 4400);
        Assert.Equal([new('7', DtmfSource.InBand), new('7', DtmfSource.Rfc4733)], _keys);
    }

    [Fact]
    public void Receive_ForcedOff_NeverInBand()
    {
        var media = new InboundMedia(G711Law.MuLaw, null, _keys.Add, inBandDetection: false);
        DeliverSignal(media, Signal.Concat(Signal.Dtmf('1', 100), Signal.Silence(100)), 0);
        Assert.Empty(_keys);
        Assert.False(media.InBandDetection);
    }

    [Fact]
    public void Receive_ForcedOn_StaysInBandAfterEvents()
    {
        var media = new InboundMedia(G711Law.MuLaw, 101, _keys.Add, inBandDetection: true);
        DeliverPress(media, '4', 0);
        DeliverSignal(media, Signal.Concat(Signal.Silence(100), Signal.Dtmf('2', 100), Signal.Silence(100)), 8000);
        Assert.Equal([new('4', DtmfSource.Rfc4733), new('2', DtmfSource.InBand)], _keys);
    }

    [Fact]
    public void Receive_SpeechAndOurPromptsWithTelephoneEventNegotiated_NoKey()
    {
        var files = TestAudio.SpeechFiles().Concat(TestAudio.CommittedPrompts()).ToArray();
        Assert.True(files.Length > 100, $"only {files.Length} speech and prompt files found");
        foreach (var file in files)
        {
            var media = new InboundMedia(G711Law.MuLaw, 101, _keys.Add);
            DeliverAudio(media, G711Law.MuLaw, WavFile.Read(file).Samples);
            Assert.True(_keys.Count == 0, $"{Path.GetFileName(file)}: talk-off {string.Join(", ", _keys)}");
        }
    }
}
