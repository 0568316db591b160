using System.Net;
using Ivr.Media.Codecs;
using Ivr.Media.Playout;
using Ivr.Media.Rtp;

namespace Ivr.Host.SipReplay;

/// <summary>
/// The replayed caller's audio: one RTP stream registered with the replay's <see cref="PlayoutScheduler"/>
/// (the same pacer as the server's prompts) whose generator sends a frame every 20 ms for the whole
/// call — silence, or <see cref="SpeechLikeSignal"/> while the caller speaks — with the keys spliced
/// into the same stream as RFC 4733 events (<see cref="KeyPressSplicer"/>). The server's audio is
/// received only to know when a prompt is playing (the server sends nothing between prompts).
/// Times are timestamps of the scheduler's clock (<see cref="Time"/>).
/// </summary>
public sealed class CallerMedia : IDisposable
{
    private readonly PlayoutScheduler _pacer;
    private readonly RtpEndpoint _rtp;
    private readonly SpeechLikeSignal _speech = new();
    private readonly CancellationTokenSource _stop = new();
    private PlayoutStream? _stream;
    private KeyPressSplicer? _keys;
    private Task? _receiver;
    private byte _audioType;
    private long _speakingUntil;
    private long _lastAudio;
    private long _audioPackets;
    private int _disposed;

    public CallerMedia(IPAddress local, PlayoutScheduler pacer)
    {
        _pacer = pacer;
        _rtp = new RtpEndpoint(new IPEndPoint(local, 0));
    }

    public IPEndPoint LocalEndPoint => _rtp.LocalEndPoint;

    /// <summary>The pacer's clock, which <see cref="LastAudio"/> and <see cref="Speak"/> use.</summary>
    public TimeProvider Time => _pacer.TimeProvider;

    /// <summary>Audio packets received from the server.</summary>
    public long AudioPackets => Interlocked.Read(ref _audioPackets);

    /// <summary>Timestamp (of <see cref="Time"/>) of the last audio packet received (0: none yet).</summary>
    public long LastAudio => Interlocked.Read(ref _lastAudio);

    /// <summary>Key presses whose last end packet has been sent.</summary>
    public long KeysSent => _keys?.KeysSent ?? 0;

    /// <summary>Keys waiting or being sent.</summary>
    public bool KeysPending => _keys?.KeysPending == true;

    /// <summary>Starts sending to <paramref name="remote"/> and receiving.</summary>
    public void Start(IPEndPoint remote, int audioPayloadType, int telephoneEventPayloadType)
    {
        var law = G711.FromPayloadType(audioPayloadType) ?? throw new ArgumentException($"payload type {audioPayloadType} is not G.711", nameof(audioPayloadType));
        _audioType = (byte)audioPayloadType;
        _rtp.SetRemote(remote);
        var sender = new RtpSender(_audioType, Time);
        _keys = new KeyPressSplicer((byte)telephoneEventPayloadType, sender.Ssrc);
        _receiver = _rtp.ReceiveAsync(OnPacket, _stop.Token);
        _stream = _pacer.AddStream(law, sender, Send);
        _stream.Generator = Generate;
    }

    /// <summary>Presses a key: sent as soon as the keys before it are done.</summary>
    public void Press(char key) => (_keys ?? throw new InvalidOperationException("the media is not started")).Press(key);

    /// <summary>The caller speaks for <paramref name="length"/> from now.</summary>
    public void Speak(TimeSpan length) =>
        Interlocked.Exchange(ref _speakingUntil, Time.GetTimestamp() + (long)(length.TotalSeconds * Time.TimestampFrequency));

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        if (_stream is { } stream) _pacer.RemoveStream(stream);
        _stop.Cancel();
        _rtp.Dispose(); // a packet the pacer sends meanwhile is dropped (RtpEndpoint.Send counts it as a failure)
        try
        {
            _receiver?.Wait(TimeSpan.FromSeconds(1));
        }
        catch (AggregateException)
        {
        }

        _stop.Dispose();
    }

    /// <summary>The next 20 ms of what the caller says; on the pacing thread, under the stream's lock.</summary>
    private void Generate(Span<short> frame)
    {
        if (Time.GetTimestamp() < Interlocked.Read(ref _speakingUntil)) _speech.Fill(frame);
        else frame.Clear();
    }

    private void Send(ReadOnlySpan<byte> audio) => _rtp.Send(_keys!.Splice(audio));

    private void OnPacket(RtpPacket packet)
    {
        if (packet.Header.PayloadType != _audioType) return;
        Interlocked.Increment(ref _audioPackets);
        Interlocked.Exchange(ref _lastAudio, Time.GetTimestamp());
    }
}
