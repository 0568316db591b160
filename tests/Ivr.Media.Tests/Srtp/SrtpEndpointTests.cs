using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Ivr.Media.Rtp;
using Ivr.Media.Srtp;

namespace Ivr.Media.Tests.Srtp;

/// <summary>Two RTP endpoints on loopback with SRTP: what one sends arrives decrypted at the other; on the wire it is not plain.</summary>
public class SrtpEndpointTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private static readonly IPEndPoint Loopback = new(IPAddress.Loopback, 0);

    [Fact]
    public async Task SendAndReceive_WithSrtpOnBothEnds_DeliverThePlainPacket_AndTheWireCarriesSrtp()
    {
        var a = RandomNumberGenerator.GetBytes(30);
        var b = RandomNumberGenerator.GetBytes(30);
        using var us = new RtpEndpoint(Loopback);
        using var peer = new RtpEndpoint(Loopback);
        using var tap = new UdpClient(Loopback);
        us.UseSrtp(new SrtpTransform(SrtpSuite.AesCm128HmacSha1With80, a, b));
        peer.UseSrtp(new SrtpTransform(SrtpSuite.AesCm128HmacSha1With80, b, a));
        us.SetRemote(peer.LocalEndPoint);
        var received = new BlockingCollection<(ushort Sequence, byte First, int Length)>();
        using var cts = new CancellationTokenSource();
        var loop = peer.ReceiveAsync(p => received.Add((p.Header.SequenceNumber, p.Payload[0], p.Payload.Length)), cts.Token);

        var packet = new byte[12 + 160];
        new RtpHeader(0, 42, 0, 7).WriteTo(packet);
        packet.AsSpan(12).Fill(0x7F);
        Assert.True(us.Send(packet));

        Assert.True(received.TryTake(out var got, Patience));
        Assert.Equal((42, (byte)0x7F, 160), got);

        us.SetRemote((IPEndPoint)tap.Client.LocalEndPoint!);
        Assert.True(us.Send(packet));
        var wire = (await tap.ReceiveAsync().WaitAsync(Patience)).Buffer;
        Assert.Equal(172 + 10, wire.Length);
        Assert.NotEqual(packet[12..], wire[12..172]);

        new RtpHeader(0, 43, 160, 7).WriteTo(packet);
        await tap.SendAsync(packet, peer.LocalEndPoint); // plain RTP at an SRTP endpoint: dropped
        // The receive loop may be slow to run on a loaded machine: wait for the count, then check nothing got through.
        Assert.True(SpinWait.SpinUntil(() => peer.Srtp!.Unauthenticated > 0, Patience), "the plain packet was never looked at");
        Assert.False(received.TryTake(out _, TimeSpan.FromMilliseconds(100)));
        Assert.Equal(1, peer.Srtp!.Unauthenticated);
        await cts.CancelAsync();
        await loop;
    }
}
