using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Ivr.Media.Rtp;
using Ivr.Media.Rtp.Receiving;

namespace Ivr.Media.Tests.Rtp.Receiving;

/// <summary>Many endpoints on two shared receive threads, real UDP on loopback; waits are bounded liveness waits.</summary>
public class RtpReceiveThreadsTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private static readonly IPEndPoint Loopback = new(IPAddress.Loopback, 0);

    private static byte[] Packet(ushort sequence, uint ssrc)
    {
        var bytes = new byte[12 + 160];
        new RtpHeader(0, sequence, sequence * 160u, ssrc).WriteTo(bytes);
        return bytes;
    }

    [Fact]
    public async Task ManyEndpoints_EachGetsOnlyItsOwnPackets_InOrder()
    {
        if (!LinuxUdp.Available) return;
        var threads = new RtpReceiveThreads(2);
        const int endpoints = 40, packets = 25;
        var received = new ConcurrentQueue<(int Endpoint, uint Ssrc, ushort Sequence)>[endpoints];
        var rtp = new RtpEndpoint[endpoints];
        var loops = new Task[endpoints];
        using var cts = new CancellationTokenSource();
        using var peer = new UdpClient(Loopback);
        for (var e = 0; e < endpoints; e++)
        {
            var index = e;
            received[e] = new ConcurrentQueue<(int, uint, ushort)>();
            rtp[e] = new RtpEndpoint(Loopback);
            loops[e] = rtp[e].ReceiveAsync(p => received[index].Enqueue((index, p.Header.Ssrc, p.Header.SequenceNumber)), threads, cts.Token);
        }

        Assert.Equal(endpoints, threads.Count);
        for (ushort s = 0; s < packets; s++)
            for (var e = 0; e < endpoints; e++)
                await peer.SendAsync(Packet(s, (uint)e), rtp[e].LocalEndPoint);

        Assert.True(SpinWait.SpinUntil(() => received.Sum(q => q.Count) == endpoints * packets, Patience), $"{received.Sum(q => q.Count)} of {endpoints * packets} packets");
        for (var e = 0; e < endpoints; e++)
        {
            Assert.All(received[e], r => Assert.Equal((uint)e, r.Ssrc));
            Assert.Equal(Enumerable.Range(0, packets).Select(s => (ushort)s), received[e].Select(r => r.Sequence));
        }

        await cts.CancelAsync();
        await Task.WhenAll(loops).WaitAsync(Patience);
        Assert.Equal(0, threads.Count);
        foreach (var endpoint in rtp) endpoint.Dispose();
    }

    [Fact]
    public async Task HandlerThrows_FaultsThatEndpointOnly_TheThreadGoesOn()
    {
        if (!LinuxUdp.Available) return;
        var threads = new RtpReceiveThreads(1);
        using var broken = new RtpEndpoint(Loopback);
        using var healthy = new RtpEndpoint(Loopback);
        using var peer = new UdpClient(Loopback);
        var brokenCalls = 0;
        var healthyPackets = new BlockingCollection<ushort>();
        var failing = broken.ReceiveAsync(_ =>
        {
            Interlocked.Increment(ref brokenCalls);
            throw new InvalidOperationException("a bug in the handler");
        }, threads, CancellationToken.None);
        var working = healthy.ReceiveAsync(p => healthyPackets.Add(p.Header.SequenceNumber), threads, CancellationToken.None);

        await peer.SendAsync(Packet(1, 1), broken.LocalEndPoint);
        var fault = await Assert.ThrowsAsync<InvalidOperationException>(() => failing.WaitAsync(Patience));
        Assert.Equal("a bug in the handler", fault.Message);

        await peer.SendAsync(Packet(2, 1), broken.LocalEndPoint);
        await peer.SendAsync(Packet(3, 2), healthy.LocalEndPoint);
        Assert.True(healthyPackets.TryTake(out var sequence, Patience));
        Assert.Equal(3, sequence);
        Assert.Equal(1, brokenCalls); // stopped at the first exception: the second packet was not handed over
        Assert.Equal(1, threads.Count);

        healthy.Dispose();
        await working.WaitAsync(Patience);
        Assert.Equal(0, threads.Count);
    }

    [Fact]
    public async Task Cancelled_NoPacketHandledAfterwards_EvenWithTheSocketOpen()
    {
        if (!LinuxUdp.Available) return;
        var threads = new RtpReceiveThreads(1);
        using var endpoint = new RtpEndpoint(Loopback);
        using var peer = new UdpClient(Loopback);
        var handled = new BlockingCollection<ushort>();
        using var cts = new CancellationTokenSource();
        var loop = endpoint.ReceiveAsync(p => handled.Add(p.Header.SequenceNumber), threads, cts.Token);
        await peer.SendAsync(Packet(1, 1), endpoint.LocalEndPoint);
        Assert.True(handled.TryTake(out _, Patience));

        await cts.CancelAsync();
        await loop.WaitAsync(Patience);
        await peer.SendAsync(Packet(2, 1), endpoint.LocalEndPoint);
        using var probe = new RtpEndpoint(Loopback); // a packet to another endpoint on the same thread: the thread is awake and served it
        var probed = new BlockingCollection<ushort>();
        var probing = probe.ReceiveAsync(p => probed.Add(p.Header.SequenceNumber), threads, CancellationToken.None);
        await peer.SendAsync(Packet(9, 9), probe.LocalEndPoint);
        Assert.True(probed.TryTake(out _, Patience));

        Assert.Empty(handled);
        probe.Dispose();
        await probing.WaitAsync(Patience);
    }

    [Fact]
    public async Task AlreadyCancelled_CompletesAtOnce_AndLeavesNothingOnTheThreads()
    {
        if (!LinuxUdp.Available) return;
        var threads = new RtpReceiveThreads(1);
        using var endpoint = new RtpEndpoint(Loopback);
        await endpoint.ReceiveAsync(_ => { }, threads, new CancellationToken(canceled: true)).WaitAsync(Patience);
        Assert.Equal(0, threads.Count);
    }

    [Fact]
    public async Task OwnManagedLoop_WithoutSharedThreads_StillReceivesAndEndsOnDispose()
    {
        var endpoint = new RtpEndpoint(Loopback);
        using var peer = new UdpClient(Loopback);
        var handled = new BlockingCollection<ushort>();
        var loop = endpoint.ReceiveAsync(p => handled.Add(p.Header.SequenceNumber), threads: null, CancellationToken.None);
        await peer.SendAsync(Packet(7, 1), endpoint.LocalEndPoint);
        Assert.True(handled.TryTake(out var sequence, Patience));
        Assert.Equal(7, sequence);
        endpoint.Dispose();
        await loop.WaitAsync(Patience);
    }
}
