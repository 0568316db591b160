using Ivr.Media.Codecs;
using Ivr.Media.Dtmf;
using Ivr.Media.Inbound;
using Ivr.Media.Rtp;
using Ivr.Media.Tests.Support;

namespace Ivr.Media.Tests.Inbound;

/// <summary>The raw PCM tap and key detection switched off, as a fax modem on the line needs them.</summary>
public class InboundMediaTapTests
{
    private readonly List<DtmfKeyPress> _keys = [];
    private ushort _sequence = 1;

    [Fact]
    public void AudioTap_GetsEveryDecodedSample_AndStopsWhenCleared()
    {
        var media = new InboundMedia(G711Law.MuLaw, 101, _keys.Add);
        var tapped = new List<short>();
        media.AudioTap = s => tapped.AddRange(s.ToArray());
        var audio = Signal.ToPcm(Signal.WithNoise(Signal.Silence(40), -20));

        Deliver(media, 0, Encode(audio));
        media.AudioTap = null;
        Deliver(media, 0, Encode(audio));

        Assert.Equal(audio.Select(s => MuLaw.Decode(MuLaw.Encode(s))), tapped);
    }

    [Fact]
    public void KeyDetectionOff_NeitherInBandNorRfc4733KeysAreReported_AndOnAgainTheyAre()
    {
        var media = new InboundMedia(G711Law.MuLaw, null, _keys.Add) { KeyDetection = false };
        var tone = Encode(Signal.ToPcm(Signal.Concat(Signal.Silence(40), Signal.Dtmf('5', 100), Signal.Silence(100))));

        Deliver(media, 0, tone);
        Assert.Empty(_keys);

        media.KeyDetection = true;
        Deliver(media, 0, tone);
        Assert.Equal([new DtmfKeyPress('5', DtmfSource.InBand)], _keys);
    }

    [Fact]
    public void KeyDetectionOff_TelephoneEventsAreCountedButNotReported()
    {
        var media = new InboundMedia(G711Law.MuLaw, 101, _keys.Add) { KeyDetection = false };
        var payload = new byte[4];
        new Rfc4733Event(5, true, 10, 640).WriteTo(payload);

        Deliver(media, 101, payload);

        Assert.Empty(_keys);
        Assert.Equal(1, media.EventPackets);
    }

    private static byte[] Encode(short[] samples)
    {
        var codes = new byte[samples.Length];
        MuLaw.Encode(samples, codes);
        return codes;
    }

    /// <summary>Delivers <paramref name="payload"/> in packets of 160 bytes at most.</summary>
    private void Deliver(InboundMedia media, byte payloadType, byte[] payload)
    {
        for (var offset = 0; offset < payload.Length; offset += 160)
        {
            var chunk = payload.AsSpan(offset, Math.Min(160, payload.Length - offset));
            var bytes = new byte[12 + chunk.Length];
            new RtpHeader(payloadType, _sequence, (uint)(_sequence * 160), 0xFA11).WriteTo(bytes);
            _sequence++;
            chunk.CopyTo(bytes.AsSpan(12));
            Assert.Equal(RtpPacketError.None, RtpPacket.TryParse(bytes, out var packet));
            media.Receive(packet);
        }
    }
}
