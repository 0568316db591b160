using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Ivr.Media.Codecs;
using Ivr.Media.Dtmf;
using Ivr.Media.Rtp;

namespace Ivr.Telephony.Tests.TestSupport;

/// <summary>The caller's RTP side: records what arrives (with arrival times) and sends G.711 audio and RFC 4733 events.</summary>
public sealed class RtpPeer : IDisposable
{
    private readonly UdpClient _socket;
    private readonly CancellationTokenSource _stop = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private ushort _sequence = 1000;
    private uint _timestamp = 160_000;

    /// <param name="address">Where it sends from: loopback by default; 127.0.0.2 and up play a stranger on another host.</param>
    public RtpPeer(IPAddress? address = null)
    {
        _socket = new UdpClient(new IPEndPoint(address ?? IPAddress.Loopback, 0));
        Port = ((IPEndPoint)_socket.Client.LocalEndPoint!).Port;
        new Thread(ReceiveLoop) { IsBackground = true, Name = "test-rtp-peer", Priority = ThreadPriority.AboveNormal }.Start();
    }

    public int Port { get; }

    public ConcurrentQueue<ReceivedRtp> Received { get; } = new();

    public IPEndPoint? Target { get; set; }

    /// <summary>The clock <see cref="ReceivedRtp.Arrival"/> is measured on.</summary>
    public TimeSpan Now => _clock.Elapsed;

    /// <summary>Sends <paramref name="packets"/> 20 ms packets of <paramref name="samples"/> (repeated), paced in real time.</summary>
    public async Task SendAudioAsync(int packets, short[]? samples = null, G711Law law = G711Law.MuLaw, byte payloadType = 0)
    {
        var payload = new byte[G711.SamplesPer20Ms];
        for (var i = 0; i < packets; i++)
        {
            if (samples is null) payload.AsSpan().Fill(G711.SilenceCode(law));
            else G711.Encode(law, samples.AsSpan((i * 160) % Math.Max(160, samples.Length - 159), 160), payload);
            await SendAsync(payloadType, payload, marker: false, _timestamp);
            _timestamp += 160;
            await Task.Delay(20);
        }
    }

    /// <summary>An RFC 4733 §2.5 key press: three updates, then the end packet sent three times, all with the event's start timestamp.</summary>
    public async Task SendKeyAsync(char key, byte payloadType = 101)
    {
        var code = (byte)DtmfKey.ToEvent(key)!.Value;
        var start = _timestamp;
        var block = new byte[4];
        for (var i = 1; i <= 3; i++)
        {
            new Rfc4733Event(code, false, 10, (ushort)(i * 160)).WriteTo(block);
            await SendAsync(payloadType, block, marker: i == 1, start);
            await Task.Delay(20);
        }

        for (var i = 0; i < 3; i++)
        {
            new Rfc4733Event(code, true, 10, 640).WriteTo(block);
            await SendAsync(payloadType, block, marker: false, start);
        }

        _timestamp += 640;
    }

    public async Task SendAsync(byte payloadType, byte[] payload, bool marker, uint timestamp)
    {
        var packet = new byte[RtpHeader.FixedLength + payload.Length];
        new RtpHeader(payloadType, _sequence++, timestamp, 0x11223344, marker).WriteTo(packet);
        payload.CopyTo(packet, RtpHeader.FixedLength);
        await _socket.SendAsync(packet, Target ?? throw new InvalidOperationException("no RTP target yet"));
    }

    public void Dispose()
    {
        _stop.Cancel();
        _socket.Dispose();
    }

    /// <summary>A dedicated thread, so arrival times do not depend on the thread pool of a busy test run.</summary>
    private void ReceiveLoop()
    {
        var buffer = new byte[1500];
        EndPoint from = new IPEndPoint(IPAddress.Any, 0);
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var length = _socket.Client.ReceiveFrom(buffer, ref from);
                if (RtpPacket.TryParse(buffer.AsSpan(0, length), out var packet) != RtpPacketError.None) continue;
                Received.Enqueue(new ReceivedRtp(_clock.Elapsed, packet.Header, packet.Payload.ToArray()));
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
        {
        }
    }
}
