using Ivr.Media.Codecs;
using Ivr.Media.Dtmf;
using Ivr.Media.Inbound;
using Ivr.Media.Rtp;
using Ivr.Media.Tests.Support;
using Ivr.Media.Wav;

namespace Ivr.Media.Tests.Inbound;

/// <summary>
/// dtmfmode=auto (issue 14 finding 8): a peer that negotiated telephone-event but sends tones is heard in-band until
/// its first RFC 4733 packet; from then on only events count; speech and our own prompts never make a key.
/// </summary>
public class InboundMediaAutoDtmfTests
{
    private readonly List<DtmfKeyPress> _keys = [];
    private ushort _sequence = 1;

    [Fact]
    public void Receive_TelephoneEventNegotiatedButTonesSent_HeardInBand()
    {
        var media = new InboundMedia(G711Law.MuLaw, 101, _keys.Add);
        DeliverAudio(media, Signal.Concat(Signal.Silence(100), Signal.Dtmf('1', 80), Signal.Silence(100), Signal.Dtmf('#', 80), Signal.Silence(100)), 0);
        Assert.Equal([new('1', DtmfSource.InBand), new('#', DtmfSource.InBand)], _keys);
        Assert.True(media.InBandDetection);
    }

    [Fact]
    public void Receive_AfterTheFirstEvent_TonesNoLongerCount()
    {
        var media = new InboundMedia(G711Law.MuLaw, 101, _keys.Add);
        DeliverPress(media, '4', 0);
        DeliverAudio(media, Signal.Concat(Signal.Silence(100), Signal.Dtmf('2', 100), Signal.Silence(100)), 1000);
        Assert.Equal([new DtmfKeyPress('4', DtmfSource.Rfc4733)], _keys);
        Assert.False(media.InBandDetection);
    }

    [Fact]
    public void Receive_ToneThenALaterEventOfTheSameKey_TwoPresses()
    {
        // A caller who pressed 7 in-band, then (on a phone that switched to events) 7 again half a second later.
        var media = new InboundMedia(G711Law.MuLaw, 101, _keys.Add);
        DeliverAudio(media, Signal.Concat(Signal.Silence(40), Signal.Dtmf('7', 100), Signal.Silence(400)), 0);
        DeliverPress(media, '7', 4400);
        Assert.Equal([new('7', DtmfSource.InBand), new('7', DtmfSource.Rfc4733)], _keys);
    }

    [Fact]
    public void Receive_ForcedOff_NeverInBand()
    {
        var media = new InboundMedia(G711Law.MuLaw, null, _keys.Add, inBandDetection: false);
        DeliverAudio(media, Signal.Concat(Signal.Dtmf('1', 100), Signal.Silence(100)), 0);
        Assert.Empty(_keys);
        Assert.False(media.InBandDetection);
    }

    [Fact]
    public void Receive_ForcedOn_StaysInBandAfterEvents()
    {
        var media = new InboundMedia(G711Law.MuLaw, 101, _keys.Add, inBandDetection: true);
        DeliverPress(media, '4', 0);
        DeliverAudio(media, Signal.Concat(Signal.Silence(100), Signal.Dtmf('2', 100), Signal.Silence(100)), 8000);
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
            DeliverAudio(media, WavFile.Read(file).Samples.Select(s => (double)s).ToArray(), 0);
            Assert.True(_keys.Count == 0, $"{Path.GetFileName(file)}: talk-off {string.Join(", ", _keys)}");
        }
    }

    private void DeliverAudio(InboundMedia media, double[] signal, uint timestamp)
    {
        var samples = Signal.ToPcm(signal);
        var codes = new byte[160];
        for (var i = 0; i + 160 <= samples.Length; i += 160)
        {
            G711.Encode(G711Law.MuLaw, samples.AsSpan(i, 160), codes);
            Deliver(media, 0, timestamp + (uint)i, codes);
        }
    }

    private void DeliverPress(InboundMedia media, char key, uint timestamp)
    {
        var payload = new byte[4];
        var code = (byte)DtmfKey.ToEvent(key)!.Value;
        foreach (var (end, duration) in new[] { (false, 160), (false, 320), (true, 480), (true, 480), (true, 480) })
        {
            new Rfc4733Event(code, end, 10, (ushort)duration).WriteTo(payload);
            Deliver(media, 101, timestamp, payload);
        }
    }

    private void Deliver(InboundMedia media, byte payloadType, uint timestamp, byte[] payload)
    {
        var bytes = new byte[RtpHeader.FixedLength + payload.Length];
        new RtpHeader(payloadType, _sequence++, timestamp, 0xBEEF).WriteTo(bytes);
        payload.CopyTo(bytes, RtpHeader.FixedLength);
        Assert.Equal(RtpPacketError.None, RtpPacket.TryParse(bytes, out var packet));
        media.Receive(packet);
    }
}
