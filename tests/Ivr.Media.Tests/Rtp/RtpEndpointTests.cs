using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Ivr.Media.Rtp;

namespace Ivr.Media.Tests.Rtp;

/// <summary>Real UDP on loopback; waits are bounded liveness waits, not timing assertions.</summary>
public class RtpEndpointTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private static readonly IPEndPoint Loopback = new(IPAddress.Loopback, 0);

    private static byte[] Packet(ushort sequence, uint ssrc = 5)
    {
        var bytes = new byte[12 + 160];
        new RtpHeader(0, sequence, sequence * 160u, ssrc).WriteTo(bytes);
        return bytes;
    }

    [Fact]
    public async Task ReceiveAsync_LatchesOnFirstSourceDropsStrangersAndAnswersThere()
    {
        using var endpoint = new RtpEndpoint(Loopback);
        using var sdpAddress = new UdpClient(Loopback); // what the SDP said; the peer really sends from elsewhere
        using var peer = new UdpClient(Loopback);
        using var stranger = new UdpClient(Loopback);
        endpoint.SetRemote((IPEndPoint)sdpAddress.Client.LocalEndPoint!);

        var received = new BlockingCollection<(ushort Sequence, uint Ssrc)>();
        using var cts = new CancellationTokenSource();
        var loop = endpoint.ReceiveAsync(p => received.Add((p.Header.SequenceNumber, p.Header.Ssrc)), cts.Token);

        Assert.True(endpoint.Send(Packet(1)));
        var atSdp = await sdpAddress.ReceiveAsync().WaitAsync(Patience);
        Assert.Equal(172, atSdp.Buffer.Length);

        await peer.SendAsync(Packet(10), endpoint.LocalEndPoint);
        Assert.True(received.TryTake(out var first, Patience));
        Assert.Equal((10, 5u), first);

        await stranger.SendAsync(Packet(99, ssrc: 6), endpoint.LocalEndPoint);
        await stranger.SendAsync(new byte[] { 1, 2, 3 }, endpoint.LocalEndPoint);
        await peer.SendAsync(Packet(11), endpoint.LocalEndPoint);
        Assert.True(received.TryTake(out var second, Patience));
        Assert.Equal((11, 5u), second);
        Assert.Equal(1, endpoint.Latch.StrangerPacketsDropped);
        Assert.Equal(1, endpoint.InvalidPackets);

        Assert.True(endpoint.Send(Packet(2)));
        var atPeer = await peer.ReceiveAsync().WaitAsync(Patience);
        Assert.Equal(2, atPeer.Buffer[3]);
        Assert.Equal(endpoint.LocalEndPoint, atPeer.RemoteEndPoint);

        cts.Cancel();
        await loop.WaitAsync(Patience);
        Assert.Empty(received);
    }

    [Fact]
    public void Send_NoRemoteYet_False()
    {
        using var endpoint = new RtpEndpoint(Loopback);
        Assert.False(endpoint.Send(Packet(1)));
    }

    [Fact]
    public async Task ReceiveAsync_Twice_Throws()
    {
        using var endpoint = new RtpEndpoint(Loopback);
        using var cts = new CancellationTokenSource();
        var loop = endpoint.ReceiveAsync(_ => { }, cts.Token);
        await Assert.ThrowsAsync<InvalidOperationException>(() => endpoint.ReceiveAsync(_ => { }, cts.Token));
        cts.Cancel();
        await loop.WaitAsync(Patience);
    }

    [Fact]
    public async Task ReceiveAsync_Disposed_Ends()
    {
        var endpoint = new RtpEndpoint(Loopback);
        var loop = endpoint.ReceiveAsync(_ => { }, CancellationToken.None);
        endpoint.Dispose();
        await loop.WaitAsync(Patience);
    }
}
