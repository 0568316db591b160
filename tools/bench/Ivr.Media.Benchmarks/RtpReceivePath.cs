using System.Diagnostics;
using System.Net;
using Ivr.Media.Codecs;
using Ivr.Media.Dtmf;
using Ivr.Media.Inbound;
using Ivr.Media.Playout;
using Ivr.Media.Rtp;
using Ivr.Media.Rtp.Receiving;
using Ivr.Media.Srtp;

namespace Ivr.Media.Benchmarks;

/// <summary>
/// A caller's RTP over loopback into a server endpoint, received the way the shared receive threads do it but on the
/// calling thread (<see cref="RtpReceiver.Drain"/>: <c>recvmmsg</c> → SRTP unprotect → parse → latch → handler), and
/// handled as a call does: <see cref="InboundMedia"/> with RFC 4733 and in-band DTMF detection both on. The stream:
/// µ-law audio (silence, with 100 ms of the tone of 5 in every second) and an RFC 4733 press of 5 every second.
/// Used by <see cref="RtpReceivePathBenchmarks"/> and by the unit test that holds "0 bytes per packet" (linked there).
/// Linux only (the receive threads' path). Not thread-safe.
/// </summary>
internal sealed class RtpReceivePath : IDisposable
{
    private const byte AudioType = 0;
    private const byte EventType = 101;
    private const uint Ssrc = 0x1233_3000;
    private const int PressEvery = 50; // packets: one second of 20 ms packets
    private const int ToneFrom = 25;
    private const int ToneFrames = 5;

    private readonly RtpEndpoint _caller;
    private readonly RtpEndpoint _server;
    private readonly RtpReceiver _receiver;
    private readonly InboundMedia _inbound;
    private readonly DatagramBatch _batch = new();
    private readonly Rfc4733Sender _events = new(EventType, Ssrc);
    private readonly byte[] _packet = new byte[RtpHeader.FixedLength + G711.SamplesPer20Ms];
    private readonly byte[] _silence = new byte[G711.SamplesPer20Ms];
    private readonly byte[] _tone = new byte[ToneFrames * G711.SamplesPer20Ms];
    private ushort _sequence;
    private uint _timestamp;
    private int _index;

    public RtpReceivePath(bool srtp)
    {
        var loopback = new IPEndPoint(IPAddress.Loopback, 0);
        _caller = new RtpEndpoint(loopback);
        _server = new RtpEndpoint(loopback);
        if (srtp)
        {
            var callerKey = Key(1);
            var serverKey = Key(2);
            _caller.UseSrtp(new SrtpTransform(SrtpSuite.AesCm128HmacSha1With80, callerKey, serverKey));
            _server.UseSrtp(new SrtpTransform(SrtpSuite.AesCm128HmacSha1With80, serverKey, callerKey));
        }

        _caller.SetRemote(_server.LocalEndPoint);
        _server.Latch.Restrict(IPAddress.Loopback);
        _server.SetRemote(_caller.LocalEndPoint);
        _inbound = new InboundMedia(G711Law.MuLaw, EventType, OnKey, inBandDetection: true);
        _receiver = _server.CreateReceiver(OnPacket);
        G711.Encode(G711Law.MuLaw, new short[G711.SamplesPer20Ms], _silence);
        G711.Encode(G711Law.MuLaw, Tone.Dtmf('5', TimeSpan.FromMilliseconds(20 * ToneFrames)), _tone);
    }

    public long PacketsReceived { get; private set; }

    public long PacketsSent { get; private set; }

    public int Rfc4733Keys { get; private set; }

    public int InBandKeys { get; private set; }

    /// <summary>Sends <paramref name="count"/> packets, 16 at a time, each 16 received and handled before the next.</summary>
    public void SendAndReceive(int count)
    {
        while (count > 0)
        {
            var burst = Math.Min(count, _batch.Capacity);
            for (var i = 0; i < burst; i++) SendNext();
            ReceiveAll();
            count -= burst;
        }
    }

    public void Dispose()
    {
        _caller.Dispose();
        _server.Dispose();
        _batch.Dispose();
    }

    private void SendNext()
    {
        var phase = _index++ % PressEvery;
        if (phase == 0) _events.Start('5', _timestamp);
        int length;
        if (_events.IsSending)
        {
            length = _events.WriteNext(_packet, _sequence++);
            if (!_events.IsSending) _timestamp = _events.NextAudioTimestamp;
        }
        else
        {
            new RtpHeader(AudioType, _sequence++, _timestamp, Ssrc).WriteTo(_packet);
            var audio = phase is >= ToneFrom and < ToneFrom + ToneFrames
                ? _tone.AsSpan((phase - ToneFrom) * G711.SamplesPer20Ms, G711.SamplesPer20Ms)
                : _silence;
            audio.CopyTo(_packet.AsSpan(RtpHeader.FixedLength));
            length = _packet.Length;
            _timestamp += G711.SamplesPer20Ms;
        }

        if (!_caller.Send(_packet.AsSpan(0, length))) throw new InvalidOperationException("the loopback send failed");
        PacketsSent++;
    }

    /// <summary>Drains until every packet sent has been handled (loopback may deliver a little later under load).</summary>
    private void ReceiveAll()
    {
        var deadline = Stopwatch.GetTimestamp() + Stopwatch.Frequency * 10;
        while (PacketsReceived < PacketsSent)
        {
            _receiver.Drain(_batch);
            if (_receiver.IsStopped) throw new InvalidOperationException("the receiver stopped: the handler threw");
            if (Stopwatch.GetTimestamp() > deadline) throw new TimeoutException($"{PacketsSent - PacketsReceived} packets not received within 10 s");
        }
    }

    private void OnPacket(RtpPacket packet)
    {
        PacketsReceived++;
        _inbound.Receive(packet);
    }

    private void OnKey(DtmfKeyPress key)
    {
        if (key.Source == DtmfSource.Rfc4733) Rfc4733Keys++;
        else InBandKeys++;
    }

    private static byte[] Key(byte seed)
    {
        var key = new byte[30];
        for (var i = 0; i < key.Length; i++) key[i] = (byte)(seed * 31 + i);
        return key;
    }
}
