using System.Net;
using Ivr.Media.Codecs;
using Ivr.Media.Dtmf;
using Ivr.Media.Rtp;
using Ivr.Telephony.Calls;

namespace Ivr.Telephony.Tests.TestSupport;

/// <summary>
/// An RTP port without a socket: keeps every packet sent (parsed), and hands packets to the receive loop on the
/// test's own thread — G.711 audio frames and RFC 4733 key presses built like a caller's phone would send them.
/// </summary>
internal sealed class FakeRtpTransport(int port = 40000) : IRtpTransport
{
    private RtpPacketHandler? _receiver;
    private ushort _sequence = 1000;
    private uint _timestamp = 160_000;

    public int LocalPort { get; } = port;

    public IPEndPoint? Remote { get; private set; }

    public int Relatches { get; private set; }

    public long StrangerPackets { get; set; }

    public bool Disposed { get; private set; }

    public List<(RtpHeader Header, byte[] Payload)> Sent { get; } = [];

    public void SetRemote(IPEndPoint remote) => Remote = remote;

    public void Relatch() => Relatches++;

    public bool Send(ReadOnlySpan<byte> packet)
    {
        if (Disposed || RtpPacket.TryParse(packet, out var parsed) != RtpPacketError.None) return false;
        Sent.Add((parsed.Header, parsed.Payload.ToArray()));
        return true;
    }

    private readonly TaskCompletionSource _stopped = new();

    public Task ReceiveAsync(RtpPacketHandler onPacket)
    {
        _receiver = onPacket;
        return _stopped.Task;
    }

    public void Dispose()
    {
        Disposed = true;
        _receiver = null;
        _stopped.TrySetResult();
    }

    /// <summary>One 20 ms PCMU frame per 160 samples of <paramref name="samples"/> (silence when null), <paramref name="frames"/> frames.</summary>
    public void ReceiveAudio(int frames, short[]? samples = null)
    {
        var payload = new byte[G711.SamplesPer20Ms];
        for (var i = 0; i < frames; i++)
        {
            if (samples is null) payload.AsSpan().Fill(G711.SilenceCode(G711Law.MuLaw));
            else G711.Encode(G711Law.MuLaw, samples.AsSpan((i * 160) % Math.Max(160, samples.Length - 159), 160), payload);
            Receive(0, payload, marker: false, _timestamp);
            _timestamp += 160;
        }
    }

    /// <summary>An RFC 4733 §2.5 key press: three updates, then the end packet three times, with the event's start timestamp.</summary>
    public void ReceiveKey(char key, byte payloadType = 101)
    {
        var code = (byte)DtmfKey.ToEvent(key)!.Value;
        var block = new byte[4];
        for (var i = 1; i <= 3; i++)
        {
            new Rfc4733Event(code, false, 10, (ushort)(i * 160)).WriteTo(block);
            Receive(payloadType, block, marker: i == 1, _timestamp);
        }

        new Rfc4733Event(code, true, 10, 640).WriteTo(block);
        for (var i = 0; i < 3; i++) Receive(payloadType, block, marker: false, _timestamp);
        _timestamp += 640;
    }

    private void Receive(byte payloadType, byte[] payload, bool marker, uint timestamp)
    {
        var packet = new byte[RtpHeader.FixedLength + payload.Length];
        new RtpHeader(payloadType, _sequence++, timestamp, 0x11223344, marker).WriteTo(packet);
        payload.CopyTo(packet, RtpHeader.FixedLength);
        if (RtpPacket.TryParse(packet, out var parsed) == RtpPacketError.None) _receiver?.Invoke(parsed);
    }
}
