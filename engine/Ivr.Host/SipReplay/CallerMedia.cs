using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using Ivr.Media.Codecs;
using Ivr.Media.Dtmf;
using Ivr.Media.Rtp;

namespace Ivr.Host.SipReplay;

/// <summary>
/// The replayed caller's audio: one RTP stream sent every 20 ms for the whole call (silence, or
/// <see cref="SpeechLikeSignal"/> while the caller speaks), keys as RFC 4733 events in the same
/// stream (<see cref="Rfc4733Sender"/>), and the server's audio received only to know when a prompt
/// is playing (the server sends nothing between prompts). One pacing thread per call.
/// </summary>
public sealed class CallerMedia : IDisposable
{
    private const int FrameSamples = 160;
    private static readonly TimeSpan Frame = TimeSpan.FromMilliseconds(20);

    private readonly RtpEndpoint _rtp;
    private readonly ConcurrentQueue<char> _keys = new();
    private readonly SpeechLikeSignal _speech = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly uint _ssrc = BitConverter.ToUInt32(RandomNumberGenerator.GetBytes(4));
    private Thread? _pacer;
    private Task? _receiver;
    private G711Law _law;
    private byte _audioType;
    private Rfc4733Sender? _events;
    private ushort _sequence = (ushort)Random.Shared.Next(ushort.MaxValue);
    private uint _timestamp = (uint)Random.Shared.Next();
    private long _speakingUntil;
    private long _lastAudio;
    private long _audioPackets;
    private long _keysSent;

    public CallerMedia(IPAddress local) => _rtp = new RtpEndpoint(new IPEndPoint(local, 0));

    public IPEndPoint LocalEndPoint => _rtp.LocalEndPoint;

    /// <summary>Audio packets received from the server.</summary>
    public long AudioPackets => Interlocked.Read(ref _audioPackets);

    /// <summary>Stopwatch ticks of the last audio packet received (0: none yet).</summary>
    public long LastAudio => Interlocked.Read(ref _lastAudio);

    /// <summary>Key presses whose last end packet has been sent.</summary>
    public long KeysSent => Interlocked.Read(ref _keysSent);

    /// <summary>Keys waiting or being sent.</summary>
    public bool KeysPending => !_keys.IsEmpty || _events?.IsSending == true;

    /// <summary>Starts sending to <paramref name="remote"/> and receiving.</summary>
    public void Start(IPEndPoint remote, int audioPayloadType, int telephoneEventPayloadType)
    {
        _law = G711.FromPayloadType(audioPayloadType) ?? throw new ArgumentException($"payload type {audioPayloadType} is not G.711", nameof(audioPayloadType));
        _audioType = (byte)audioPayloadType;
        _events = new Rfc4733Sender((byte)telephoneEventPayloadType, _ssrc);
        _rtp.SetRemote(remote);
        _receiver = _rtp.ReceiveAsync(OnPacket, _stop.Token);
        _pacer = new Thread(Pace) { IsBackground = true, Name = "replay caller RTP" };
        _pacer.Start();
    }

    /// <summary>Presses a key: sent as soon as the keys before it are done.</summary>
    public void Press(char key) => _keys.Enqueue(key);

    /// <summary>The caller speaks for <paramref name="length"/> from now.</summary>
    public void Speak(TimeSpan length) =>
        Interlocked.Exchange(ref _speakingUntil, Stopwatch.GetTimestamp() + (long)(length.TotalSeconds * Stopwatch.Frequency));

    public void Dispose()
    {
        _stop.Cancel();
        _pacer?.Join(TimeSpan.FromSeconds(1));
        _rtp.Dispose();
        try
        {
            _receiver?.Wait(TimeSpan.FromSeconds(1));
        }
        catch (AggregateException)
        {
        }

        _stop.Dispose();
    }

    private void OnPacket(RtpPacket packet)
    {
        if (packet.Header.PayloadType != _audioType) return;
        Interlocked.Increment(ref _audioPackets);
        Interlocked.Exchange(ref _lastAudio, Stopwatch.GetTimestamp());
    }

    private void Pace()
    {
        var packet = new byte[RtpHeader.FixedLength + FrameSamples];
        var samples = new short[FrameSamples];
        var next = Stopwatch.GetTimestamp();
        var frameTicks = (long)(Frame.TotalSeconds * Stopwatch.Frequency);
        while (!_stop.IsCancellationRequested)
        {
            Send(packet, samples);
            next += frameTicks;
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), next);
            if (wait > TimeSpan.Zero) Thread.Sleep(wait);
            else if (-wait > TimeSpan.FromMilliseconds(200)) next = Stopwatch.GetTimestamp(); // the machine stalled: do not burst
        }
    }

    private void Send(byte[] packet, short[] samples)
    {
        var events = _events!;
        if (!events.IsSending && _keys.TryDequeue(out var key)) events.Start(key, _timestamp);
        if (events.IsSending)
        {
            var length = events.WriteNext(packet, _sequence++);
            _rtp.Send(packet.AsSpan(0, length));
            if (!events.IsSending)
            {
                _timestamp = events.NextAudioTimestamp;
                Interlocked.Increment(ref _keysSent);
            }

            return;
        }

        if (Stopwatch.GetTimestamp() < Interlocked.Read(ref _speakingUntil)) _speech.Fill(samples);
        else samples.AsSpan().Clear();
        var header = new RtpHeader(_audioType, _sequence++, _timestamp, _ssrc).WriteTo(packet);
        G711.Encode(_law, samples, packet.AsSpan(header, FrameSamples));
        _timestamp += FrameSamples;
        _rtp.Send(packet.AsSpan(0, header + FrameSamples));
    }
}
