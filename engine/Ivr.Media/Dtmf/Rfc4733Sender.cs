using Ivr.Media.Rtp;

namespace Ivr.Media.Dtmf;

/// <summary>
/// Sends one key press as RFC 4733 telephone-event packets, one per packet interval, on an RTP stream
/// whose sequence numbers it shares with the audio (the caller passes them in):
/// <list type="bullet">
/// <item>every packet of the event carries the event's start timestamp (§2.5.1.1), and the first one
/// the marker bit (§2.5.1.1: "the first packet of an event");</item>
/// <item>each update carries the duration so far, one packet interval more each time (§2.5.1.2);</item>
/// <item>the end is sent three times, the E bit set and the final duration unchanged (§2.5.1.4: "the
/// final packet SHOULD be retransmitted" — three in all, as most endpoints do).</item>
/// </list>
/// After <see cref="IsSending"/> turns false, audio goes on from <see cref="NextAudioTimestamp"/>: the
/// event's start plus every interval it took, so the stream's clock stays continuous. Allocates nothing
/// per packet. Not thread-safe: one sending thread per stream.
/// </summary>
public sealed class Rfc4733Sender
{
    /// <summary>End packets per event (the first and two retransmissions).</summary>
    public const int EndPackets = 3;

    private readonly byte _payloadType;
    private readonly uint _ssrc;
    private readonly ushort _toneSamples;
    private readonly int _packetSamples;
    private readonly byte _volume;
    private byte _event;
    private uint _timestamp;
    private int _packetsWritten;

    /// <param name="payloadType">The negotiated telephone-event payload type (e.g. 101).</param>
    /// <param name="ssrc">The stream's SSRC (the same as its audio, RFC 4733 §2.1).</param>
    /// <param name="toneLength">How long the key is held (default 100 ms, above the 40 ms of Q.24).</param>
    /// <param name="packetInterval">Time between packets (default 20 ms, the audio's ptime).</param>
    /// <param name="volume">Power level in −dBm0, 0..63 (default 10).</param>
    public Rfc4733Sender(byte payloadType, uint ssrc, TimeSpan? toneLength = null, TimeSpan? packetInterval = null, byte volume = 10, int clockRate = 8000)
    {
        if (payloadType > 127) throw new ArgumentOutOfRangeException(nameof(payloadType), payloadType, "RTP payload type is 7 bits (0..127)");
        if (volume > 63) throw new ArgumentOutOfRangeException(nameof(volume), volume, "RFC 4733 volume is 6 bits (0..63 −dBm0)");
        var tone = (toneLength ?? TimeSpan.FromMilliseconds(100)).TotalSeconds * clockRate;
        var interval = (packetInterval ?? TimeSpan.FromMilliseconds(20)).TotalSeconds * clockRate;
        if (interval < 1) throw new ArgumentOutOfRangeException(nameof(packetInterval), packetInterval, "a packet interval of at least one sample");
        if (tone < interval || tone > ushort.MaxValue) throw new ArgumentOutOfRangeException(nameof(toneLength), toneLength, "a tone of one packet interval up to 8 s (the 16-bit duration field; longer events are not sent)");
        _payloadType = payloadType;
        _ssrc = ssrc;
        _toneSamples = (ushort)Math.Round(tone);
        _packetSamples = (int)Math.Round(interval);
        _volume = volume;
    }

    /// <summary>Bytes of one packet: the 12-octet RTP header and the 4-octet event.</summary>
    public const int PacketLength = RtpHeader.FixedLength + Rfc4733Event.Length;

    /// <summary>True from <see cref="Start"/> until the last end packet was written.</summary>
    public bool IsSending { get; private set; }

    /// <summary>Where audio continues after the event: its start plus one interval per packet sent.</summary>
    public uint NextAudioTimestamp => unchecked(_timestamp + (uint)(_packetsWritten * _packetSamples));

    /// <summary>Packets one press takes: the updates until the tone's length is reached (the last of
    /// them being the first end packet), then the two retransmitted ends.</summary>
    public int PacketsPerPress => UpdatePackets + EndPackets - 1;

    private int UpdatePackets => (_toneSamples + _packetSamples - 1) / _packetSamples;

    /// <summary>Begins a press of <paramref name="key"/> (0-9, *, #, A-D) at RTP <paramref name="timestamp"/>.</summary>
    public void Start(char key, uint timestamp)
    {
        if (IsSending) throw new InvalidOperationException("a key press is still being sent; wait until IsSending is false");
        _event = (byte)(DtmfKey.ToEvent(key) ?? throw new ArgumentException($"'{key}' is not a DTMF key (0-9, *, #, A-D)", nameof(key)));
        _timestamp = timestamp;
        _packetsWritten = 0;
        IsSending = true;
    }

    /// <summary>Writes the next packet of the press with <paramref name="sequenceNumber"/>; returns its length.</summary>
    public int WriteNext(Span<byte> destination, ushort sequenceNumber)
    {
        if (!IsSending) throw new InvalidOperationException("no key press is being sent; call Start first");
        if (destination.Length < PacketLength) throw new ArgumentException($"a telephone-event packet needs {PacketLength} bytes", nameof(destination));
        var index = _packetsWritten++;
        var end = index >= UpdatePackets - 1;
        var duration = end ? _toneSamples : (ushort)((index + 1) * _packetSamples);
        if (_packetsWritten == PacketsPerPress) IsSending = false;

        var header = new RtpHeader(_payloadType, sequenceNumber, _timestamp, _ssrc, Marker: index == 0).WriteTo(destination);
        new Rfc4733Event(_event, end, _volume, duration).WriteTo(destination[header..]);
        return PacketLength;
    }
}
