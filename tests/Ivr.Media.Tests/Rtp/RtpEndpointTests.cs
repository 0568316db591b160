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

    /// <summary>An endpoint bound to a port it asked for, as every call's is (the port pool's): only such an endpoint
    /// connects its socket once latched.</summary>
    private static RtpEndpoint OnAGivenPort()
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            if (RtpEndpoint.TryOpen(new IPEndPoint(IPAddress.Loopback, Random.Shared.Next(20000, 30000) & ~1)) is { } endpoint) return endpoint;
        }

        throw new InvalidOperationException("no free even port in 20000-29999");
    }

    [Fact]
    public async Task ReceiveAsync_LatchesOnFirstSourceDropsStrangersAndAnswersThere()
    {
        using var endpoint = OnAGivenPort();
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

        // Latched: on Linux the socket is now connected to the peer, so the kernel itself drops the stranger's datagram
        // (never read, never counted); elsewhere the latch drops and counts it.
        Assert.Equal(OperatingSystem.IsLinux(), endpoint.ConnectedToRemote);
        await stranger.SendAsync(Packet(99, ssrc: 6), endpoint.LocalEndPoint);
        await peer.SendAsync(new byte[] { 1, 2, 3 }, endpoint.LocalEndPoint);
        await peer.SendAsync(Packet(11), endpoint.LocalEndPoint);
        Assert.True(received.TryTake(out var second, Patience));
        Assert.Equal((11, 5u), second);
        Assert.Equal(endpoint.ConnectedToRemote ? 0 : 1, endpoint.Latch.StrangerPacketsDropped);
        Assert.Equal(1, endpoint.InvalidPackets);

        Assert.True(endpoint.Send(Packet(2)));
        var atPeer = await peer.ReceiveAsync().WaitAsync(Patience);
        Assert.Equal(2, atPeer.Buffer[3]);
        Assert.Equal(endpoint.LocalEndPoint, atPeer.RemoteEndPoint);

        cts.Cancel();
        await loop.WaitAsync(Patience);
        Assert.Empty(received);
    }

    /// <summary>An endpoint's receive loop (the shared receive threads) keeping each packet's sequence number; disposing
    /// stops it and waits for its end.</summary>
    private sealed class Heard : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop = new();

        public Heard(RtpEndpoint endpoint) => Loop = endpoint.ReceiveAsync(p => Sequences.Add(p.Header.SequenceNumber), _stop.Token);

        public BlockingCollection<ushort> Sequences { get; } = [];

        public Task Loop { get; }

        public ushort Next() => Sequences.TryTake(out var sequence, Patience) ? sequence : throw new TimeoutException("no packet heard");

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await Loop.WaitAsync(Patience);
            _stop.Dispose();
        }
    }

    [Fact]
    public async Task Connected_ThePeersPortUnreachableForAWhile_ReceivingGoesOn()
    {
        // A connected UDP socket hears the peer's ICMP port unreachable: the next send, or the next read, reports it once
        // (ECONNREFUSED). The shared receive threads must take that in their stride and read the peer's next datagram.
        using var endpoint = OnAGivenPort();
        var peer = new UdpClient(Loopback);
        var peerAddress = (IPEndPoint)peer.Client.LocalEndPoint!;
        await using var heard = new Heard(endpoint);
        await peer.SendAsync(Packet(10), endpoint.LocalEndPoint);
        Assert.Equal(10, heard.Next());
        Assert.Equal(OperatingSystem.IsLinux(), endpoint.ConnectedToRemote);

        peer.Dispose(); // the phone's RTP port closes: our sends now meet ICMP port unreachable
        for (var i = 0; i < 5; i++)
        {
            endpoint.Send(Packet((ushort)(20 + i)));
            await Task.Delay(20);
        }

        using var again = new UdpClient(peerAddress); // and opens again on the same port
        await again.SendAsync(Packet(11), endpoint.LocalEndPoint);
        Assert.Equal(11, heard.Next());
        Assert.True(endpoint.Send(Packet(30)));
        Assert.Equal(30, (await again.ReceiveAsync().WaitAsync(Patience)).Buffer[3]);
        Assert.False(heard.Loop.IsCompleted);
    }

    [Theory]
    [InlineData(true)] // a call's endpoint (the port pool's): connected once latched, disconnected by the relatch
    [InlineData(false)] // bound to port 0 (a client's): never connected, since Linux's disconnect would give its port back
    public async Task Relatch_TheRemoteMoved_TheNextSourceLatchesAndIsAnsweredThere(bool portGiven)
    {
        // A re-INVITE moved the caller's media: the socket, connected to the old source, must hear the new one.
        using var endpoint = portGiven ? OnAGivenPort() : new RtpEndpoint(Loopback);
        var connects = portGiven && OperatingSystem.IsLinux();
        using var before = new UdpClient(Loopback);
        using var after = new UdpClient(Loopback);
        await using var heard = new Heard(endpoint);
        await before.SendAsync(Packet(10), endpoint.LocalEndPoint);
        Assert.Equal(10, heard.Next());
        Assert.Equal(connects, endpoint.ConnectedToRemote);

        endpoint.Relatch();
        Assert.False(endpoint.ConnectedToRemote);
        await after.SendAsync(Packet(20), endpoint.LocalEndPoint);
        Assert.Equal(20, heard.Next());
        Assert.Equal(after.Client.LocalEndPoint, endpoint.Latch.RemoteEndPoint);
        Assert.Equal(connects, endpoint.ConnectedToRemote);
        Assert.True(endpoint.Send(Packet(21)));
        Assert.Equal(21, (await after.ReceiveAsync().WaitAsync(Patience)).Buffer[3]);

        await before.SendAsync(Packet(11), endpoint.LocalEndPoint); // the old source is now the stranger
        await after.SendAsync(Packet(22), endpoint.LocalEndPoint);
        Assert.Equal(22, heard.Next());
        Assert.Empty(heard.Sequences);
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
