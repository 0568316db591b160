using System.Net;
using System.Net.Sockets;
using Ivr.Host.SipReplay;
using Ivr.Media.Codecs;
using Ivr.Media.Dtmf;
using Ivr.Media.Playout;
using Ivr.Media.Rtp;
using Microsoft.Extensions.Time.Testing;

namespace Ivr.Host.Tests.SipReplay;

/// <summary>
/// The replayed caller's stream paced by a <see cref="PlayoutScheduler"/> ticked by hand on a fake
/// clock: one packet per tick, sent over loopback UDP to a socket standing in for the server.
/// </summary>
public sealed class CallerMediaTests : IDisposable
{
    private readonly FakeTimeProvider _time = new();
    private readonly PlayoutScheduler _pacer;
    private readonly Socket _server = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
    private readonly CallerMedia _media;

    public CallerMediaTests()
    {
        _pacer = new PlayoutScheduler(_time);
        _server.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _server.ReceiveTimeout = 5000;
        _media = new CallerMedia(IPAddress.Loopback, _pacer);
        _media.Start((IPEndPoint)_server.LocalEndPoint!, audioPayloadType: 0, telephoneEventPayloadType: 101);
    }

    public void Dispose()
    {
        _media.Dispose();
        _pacer.Dispose();
        _server.Dispose();
    }

    private List<(RtpHeader Header, byte[] Payload)> Tick(int count)
    {
        var received = new List<(RtpHeader, byte[])>();
        var buffer = new byte[1500];
        for (var i = 0; i < count; i++)
        {
            _pacer.Tick();
            _time.Advance(PlayoutScheduler.FrameInterval);
            var length = _server.Receive(buffer);
            Assert.Equal(RtpPacketError.None, RtpPacket.TryParse(buffer.AsSpan(0, length), out var packet));
            received.Add((packet.Header, packet.Payload.ToArray()));
        }

        return received;
    }

    [Fact]
    public void Tick_Quiet_OneSilentPcmuFramePerTick()
    {
        var packets = Tick(5);

        Assert.All(packets, p => Assert.Equal(0, p.Header.PayloadType));
        Assert.All(packets, p => Assert.All(p.Payload, b => Assert.Equal(G711.SilenceCode(G711Law.MuLaw), b)));
        Assert.Equal(Enumerable.Range(0, 5).Select(i => packets[0].Header.Timestamp + (uint)(i * G711.SamplesPer20Ms)), packets.Select(p => p.Header.Timestamp));
        Assert.Equal(1, _pacer.StreamCount);
    }

    [Fact]
    public void Speak_SpeechForItsLengthThenSilence()
    {
        _media.Speak(TimeSpan.FromMilliseconds(100));
        var packets = Tick(8);

        Assert.All(packets[..5], p => Assert.Contains(p.Payload, b => b != G711.SilenceCode(G711Law.MuLaw)));
        Assert.All(packets[5..], p => Assert.All(p.Payload, b => Assert.Equal(G711.SilenceCode(G711Law.MuLaw), b)));
    }

    [Fact]
    public void Press_KeySentAsRfc4733InTheSameStream()
    {
        Tick(2);
        _media.Press('7');
        Assert.True(_media.KeysPending);
        var perPress = new Rfc4733Sender(101, 1).PacketsPerPress;

        var packets = Tick(perPress + 1);

        Assert.All(packets[..perPress], p => Assert.True(p.Header.PayloadType == 101 && Rfc4733Event.TryParse(p.Payload, out var e) && e.Key == '7'));
        Assert.Equal(0, packets[^1].Header.PayloadType);
        Assert.Single(packets.Select(p => p.Header.Ssrc).Distinct());
        Assert.Equal(1, _media.KeysSent);
        Assert.False(_media.KeysPending);
    }

    [Fact]
    public void Dispose_StreamLeavesThePacer()
    {
        Tick(1);
        _media.Dispose();
        _pacer.Tick();

        Assert.Equal(0, _pacer.StreamCount);
    }
}
