using System.Runtime.CompilerServices;
using Ivr.Media.Codecs;
using Ivr.Media.Dtmf;
using Ivr.Media.Recording;
using Ivr.Media.Rtp;

namespace Ivr.Media.Inbound;

/// <summary>
/// What one call leg does with the RTP it receives (pass <see cref="Receive"/> as the
/// <see cref="RtpPacketHandler"/> of an <see cref="RtpEndpoint"/>): telephone-event packets go to an
/// <see cref="Rfc4733Receiver"/>; G.711 audio of the negotiated law is decoded on the stack
/// (nothing allocated per packet or kept per call) and goes to the in-band <see cref="DtmfDetector"/>, to the current <see cref="Recorder"/> if
/// any, and to an optional audio handler. Every key press is reported once through one callback,
/// whatever its source (SIP INFO bodies come in through <see cref="ReceiveSipInfo"/>).
/// <para>
/// Keys are heard however they come (Asterisk's <c>dtmfmode=auto</c>): in-band detection runs from the start, even
/// when telephone-event was negotiated — a softphone or a gateway with a TDM hop may negotiate it and still send
/// tones — until the first RFC 4733 packet arrives; from then on RFC 4733 only, since gateways that send events
/// often leave the tones in the audio too. The one press that may be heard both ways, a tone detected just before
/// its event's first packet, counts once (<see cref="InBandHandover"/>). Call <see cref="Receive"/> from the one
/// receiving thread.
/// </para>
/// </summary>
public sealed class InboundMedia
{
    private readonly G711Law _law;
    private readonly int? _telephoneEventPayloadType;
    private readonly Action<DtmfKeyPress> _onKey;
    private readonly AudioFrameHandler? _onAudio;
    private readonly Rfc4733Receiver _rfc4733 = new();
    private readonly DtmfDetector? _detector;
    private readonly InBandHandover _handover = new();
    private const int DecodedChunk = 480; // samples decoded at a time, on the receiving thread's stack (none kept per call)
    private readonly bool? _forcedInBand;
    private volatile bool _inBand;
    private uint _timestamp;
    private Recorder? _recorder;
    private AudioFrameHandler? _tap;
    private volatile bool _keyDetection = true;

    /// <param name="telephoneEventPayloadType">The negotiated telephone-event payload type (often 101), or null.</param>
    /// <param name="inBandDetection">null (auto): until the first RFC 4733 packet; true/false to force it on or off for the whole call.</param>
    public InboundMedia(G711Law law, int? telephoneEventPayloadType, Action<DtmfKeyPress> onKey, bool? inBandDetection = null, DtmfDetectorOptions? detectorOptions = null, AudioFrameHandler? onAudio = null)
    {
        _law = law;
        _telephoneEventPayloadType = telephoneEventPayloadType;
        _onKey = onKey ?? throw new ArgumentNullException(nameof(onKey));
        _onAudio = onAudio;
        _forcedInBand = inBandDetection;
        if (inBandDetection == false) return;
        _detector = new DtmfDetector(d =>
        {
            _handover.HeardInBand(d.Key, _timestamp);
            _onKey(new DtmfKeyPress(d.Key, DtmfSource.InBand));
        }, detectorOptions);
        _inBand = true;
    }

    /// <summary>Whether tones in the audio are listened to now (auto: until the first RFC 4733 packet).</summary>
    public bool InBandDetection => _inBand;

    public long AudioPackets { get; private set; }

    public long EventPackets { get; private set; }

    /// <summary>Packets of any other payload type (comfort noise, an unexpected codec), ignored.</summary>
    public long OtherPackets { get; private set; }

    /// <summary>Where received audio is recorded; set it to start recording, null to stop feeding it.</summary>
    public Recorder? Recorder
    {
        get => Volatile.Read(ref _recorder);
        set => Volatile.Write(ref _recorder, value);
    }

    /// <summary>A raw tap on the decoded audio (a fax modem's receiver), called on the receiving thread; null for none.</summary>
    public AudioFrameHandler? AudioTap
    {
        get => Volatile.Read(ref _tap);
        set => Volatile.Write(ref _tap, value);
    }

    /// <summary>Whether RFC 4733 events and in-band tones are turned into keys (on by default); off while a fax modem has the line.</summary>
    public bool KeyDetection
    {
        get => _keyDetection;
        set => _keyDetection = value;
    }

    public void Receive(RtpPacket packet)
    {
        var type = packet.Header.PayloadType;
        if (type == _telephoneEventPayloadType)
        {
            EventPackets++;
            if (_forcedInBand is null) _inBand = false; // auto: the peer sends events, so events only from now on
            if (!_keyDetection) return;
            var result = _rfc4733.Receive(packet.Header, packet.Payload);
            if (result.IsKeyPress && !_handover.SamePressAsInBand(result.Key, packet.Header.Timestamp))
                _onKey(new DtmfKeyPress(result.Key, DtmfSource.Rfc4733));
        }
        else if (type == (byte)_law)
        {
            AudioPackets++;
            _timestamp = packet.Header.Timestamp;
            Audio(packet.Payload);
        }
        else
        {
            OtherPackets++;
        }
    }

    /// <summary>Handles a SIP INFO DTMF body; returns null when it was reported, else why it was not.</summary>
    public string? ReceiveSipInfo(string? contentType, string? body)
    {
        if (SipInfoDtmf.Parse(contentType, body, out var error) is not { } dtmf) return error;
        _onKey(new DtmfKeyPress(dtmf.Key, DtmfSource.SipInfo));
        return null;
    }

    [SkipLocalsInit] // the decoded chunk is written before it is read: not zeroed first (960 bytes a packet)
    private void Audio(ReadOnlySpan<byte> payload)
    {
        Span<short> decoded = stackalloc short[DecodedChunk]; // not a shared scratch: the handlers below may receive again
        for (var i = 0; i < payload.Length; i += DecodedChunk)
        {
            var codes = payload.Slice(i, Math.Min(DecodedChunk, payload.Length - i));
            var samples = decoded[..codes.Length];
            G711.Decode(_law, codes, samples);
            if (_keyDetection && _inBand) _detector?.Process(samples);
            Recorder?.Append(samples);
            _onAudio?.Invoke(samples);
            AudioTap?.Invoke(samples);
        }
    }
}
