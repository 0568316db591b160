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
        var threads = new RtpReceiveThreads(2, callsPerThread: 0); // the least loaded each time: both threads serve
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
        Assert.Equal([20, 20], threads.CountsPerThread());
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

    [Fact]
    public async Task Backlog_LongerThanOneTurn_AllHandled_WithoutAnotherPacketArriving()
    {
        if (!LinuxUdp.Available) return;
        var threads = new RtpReceiveThreads(1);
        using var endpoint = new RtpEndpoint(Loopback);
        using var peer = new UdpClient(Loopback);
        const int queued = 100; // more than one turn's 4 batches of 16: the socket is edge-triggered, no event comes for the rest
        for (ushort s = 0; s < queued; s++) await peer.SendAsync(Packet(s, 1), endpoint.LocalEndPoint);
        var handled = new ConcurrentQueue<ushort>();
        var loop = endpoint.ReceiveAsync(p => handled.Enqueue(p.Header.SequenceNumber), threads, CancellationToken.None);

        Assert.True(SpinWait.SpinUntil(() => handled.Count == queued, Patience), $"{handled.Count} of {queued} packets");
        Assert.Equal(Enumerable.Range(0, queued).Select(s => (ushort)s), handled);
        endpoint.Dispose();
        await loop.WaitAsync(Patience);
    }

    [Fact]
    public async Task OneSocketWithABacklog_AnotherReadyOneIsServedBeforeTheRest()
    {
        if (!LinuxUdp.Available) return;
        var threads = new RtpReceiveThreads(1);
        using var busy = new RtpEndpoint(Loopback);
        using var quiet = new RtpEndpoint(Loopback);
        using var peer = new UdpClient(Loopback);
        const int queued = 100;
        for (ushort s = 0; s < queued; s++) await peer.SendAsync(Packet(s, 1), busy.LocalEndPoint);
        await peer.SendAsync(Packet(7, 2), quiet.LocalEndPoint);
        var order = new ConcurrentQueue<uint>();
        using var bothAdded = new ManualResetEventSlim();
        var busyLoop = busy.ReceiveAsync(p =>
        {
            bothAdded.Wait(Patience); // the quiet socket is on the thread before the busy one's first turn ends
            order.Enqueue(p.Header.Ssrc);
        }, threads, CancellationToken.None);
        var quietLoop = quiet.ReceiveAsync(p => order.Enqueue(p.Header.Ssrc), threads, CancellationToken.None);
        bothAdded.Set();

        Assert.True(SpinWait.SpinUntil(() => order.Count == queued + 1, Patience), $"{order.Count} of {queued + 1} packets");
        var quietAt = order.ToList().IndexOf(2u);
        Assert.InRange(quietAt, 1, 64); // after at most the busy socket's one turn (4 batches of 16), not after its whole backlog
        busy.Dispose();
        quiet.Dispose();
        await Task.WhenAll(busyLoop, quietLoop).WaitAsync(Patience);
    }

    [Fact]
    public void ConnectedSocketsIcmpError_ReportedOnce_TheDatagramsQueuedBehindItAreStillRead()
    {
        if (!LinuxUdp.Available) return;
        IPEndPoint closed;
        using (var gone = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp))
        {
            gone.Bind(Loopback);
            closed = (IPEndPoint)gone.LocalEndPoint!;
        }

        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(Loopback);
        socket.Connect(closed);
        socket.Send(Packet(0, 1)); // nobody there: the kernel's ICMP port unreachable becomes the socket's pending error
        using var back = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        back.Bind(closed); // the connected peer answers after all: its datagrams queue behind the error
        for (ushort s = 1; s <= 3; s++) back.SendTo(Packet(s, 1), socket.LocalEndPoint!);
        Assert.True(SpinWait.SpinUntil(() => socket.Available > 0, Patience));
        Thread.Sleep(50);

        using var endpoint = new RtpEndpoint(Loopback);
        var handled = new List<ushort>();
        var receiver = new RtpReceiver(endpoint, socket, p => handled.Add(p.Header.SequenceNumber));
        using var batch = new DatagramBatch();
        Assert.True(receiver.Drain(batch));
        Assert.Equal(new ushort[] { 1, 2, 3 }, handled);
    }

    [Fact]
    public async Task NewCalls_FillTheFirstThreadToItsShare_ThenTheNext_ThenTheLeastLoaded()
    {
        if (!LinuxUdp.Available) return;
        var threads = new RtpReceiveThreads(3, callsPerThread: 2);
        var endpoints = new List<RtpEndpoint>();
        var loops = new List<Task>();
        using var cts = new CancellationTokenSource();
        void AddCall()
        {
            var endpoint = new RtpEndpoint(Loopback);
            endpoints.Add(endpoint);
            loops.Add(endpoint.ReceiveAsync(_ => { }, threads, cts.Token));
        }

        AddCall();
        Assert.Equal([1, 0, 0], threads.CountsPerThread());
        AddCall();
        AddCall();
        Assert.Equal([2, 1, 0], threads.CountsPerThread());
        for (var i = 0; i < 4; i++) AddCall();
        Assert.Equal([3, 2, 2], threads.CountsPerThread()); // all at their share: then the least loaded (the first of equals)

        endpoints[0].Dispose(); // a call on the first thread ends: its place is the first thread's again
        await loops[0].WaitAsync(Patience);
        Assert.Equal([2, 2, 2], threads.CountsPerThread());
        AddCall();
        Assert.Equal([3, 2, 2], threads.CountsPerThread());

        await cts.CancelAsync();
        await Task.WhenAll(loops).WaitAsync(Patience);
        Assert.Equal([0, 0, 0], threads.CountsPerThread());
        foreach (var endpoint in endpoints) endpoint.Dispose();
    }

    [Fact]
    public void SocketWhoseEveryReadFails_IsDrainedAfterTwoErrors_NeverRetriedWithoutSleeping()
    {
        if (!LinuxUdp.Available) return;
        using var unconnected = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp); // every read: ENOTCONN
        using var endpoint = new RtpEndpoint(Loopback);
        var receiver = new RtpReceiver(endpoint, unconnected, _ => throw new InvalidOperationException("nothing to handle"));
        using var batch = new DatagramBatch();
        Assert.True(receiver.Drain(batch)); // false would keep it on the thread's list, polled with a zero timeout forever
        Assert.False(receiver.IsStopped);
    }

    [Fact]
    public async Task Disposed_WhileNotBeingRead_ItsPortIsFreeWhenDisposeReturns()
    {
        if (!LinuxUdp.Available) return;
        var threads = new RtpReceiveThreads(1);
        var endpoint = new RtpEndpoint(Loopback);
        using var peer = new UdpClient(Loopback);
        var handled = new BlockingCollection<ushort>();
        var loop = endpoint.ReceiveAsync(p => handled.Add(p.Header.SequenceNumber), threads, CancellationToken.None);
        await peer.SendAsync(Packet(1, 1), endpoint.LocalEndPoint);
        Assert.True(handled.TryTake(out _, Patience)); // on the thread, its socket held open there

        await Task.Run(endpoint.Dispose).WaitAsync(Patience); // a socket's Dispose waits while anything holds it
        Assert.True(CanBind(endpoint.LocalEndPoint.Port), "the port is still taken: the thread kept the socket open");
        await loop.WaitAsync(Patience);
        Assert.Equal(0, threads.Count);
    }

    [Fact]
    public async Task DisposedWhileItsPacketIsBeingHandled_TheSocketClosesWhenThatDrainEnds_NothingHandledAfter()
    {
        if (!LinuxUdp.Available) return;
        var threads = new RtpReceiveThreads(1);
        var endpoint = new RtpEndpoint(Loopback);
        var port = endpoint.LocalEndPoint.Port;
        using var peer = new UdpClient(Loopback);
        using var inHandler = new ManualResetEventSlim();
        using var disposing = new ManualResetEventSlim();
        var handled = new ConcurrentQueue<ushort>();
        var loop = endpoint.ReceiveAsync(p =>
        {
            handled.Enqueue(p.Header.SequenceNumber);
            inHandler.Set();
            disposing.Wait(Patience);
            Thread.Sleep(50); // the dispose is under way on the other thread, waiting for this drain
        }, threads, CancellationToken.None);
        await peer.SendAsync(Packet(1, 1), endpoint.LocalEndPoint);
        await peer.SendAsync(Packet(2, 1), endpoint.LocalEndPoint); // read by the same drain, never handled
        Assert.True(inHandler.Wait(Patience));

        var dispose = Task.Run(() =>
        {
            disposing.Set();
            endpoint.Dispose(); // returns once the drain reading the socket let it go
        });
        await dispose.WaitAsync(Patience);
        Assert.True(CanBind(port), "the port is still taken after Dispose returned");
        await loop.WaitAsync(Patience);
        Assert.Equal([(ushort)1], handled);
        Assert.Equal(0, threads.Count);
    }

    [Fact]
    public async Task DisposedBeforeItsReceiverIsOnAThread_NeitherHangsNorKeepsThePort()
    {
        if (!LinuxUdp.Available) return;
        // A stress of the two orders (and, rarely, the narrow one where Dispose misses a receiver that then takes the socket:
        // RtpEndpoint stops it itself); a socket left held would hang its Dispose or keep its port.
        var threads = new RtpReceiveThreads(1);
        for (var round = 0; round < 200; round++)
        {
            var endpoint = new RtpEndpoint(Loopback);
            var port = endpoint.LocalEndPoint.Port;
            using var start = new Barrier(2);
            var receiving = Task.Run(() =>
            {
                start.SignalAndWait();
                return endpoint.ReceiveAsync(_ => { }, threads, CancellationToken.None);
            });
            var disposing = Task.Run(() =>
            {
                start.SignalAndWait();
                endpoint.Dispose();
            });
            await disposing.WaitAsync(Patience); // a socket's Dispose waits while a receive thread holds it
            await receiving.WaitAsync(Patience); // Task.Run unwraps: the receive loop itself, ended by the dispose
            Assert.True(CanBind(port), $"round {round}: the port is still taken");
        }

        Assert.Equal(0, threads.Count);
    }

    [Fact]
    public async Task ManyCallsComeAndGo_EachPortFreedAtItsEnd_TheThreadKeepsServingTheOthers()
    {
        if (!LinuxUdp.Available) return;
        var threads = new RtpReceiveThreads(1);
        using var peer = new UdpClient(Loopback);
        using var staying = new RtpEndpoint(Loopback);
        var stayed = new BlockingCollection<ushort>();
        var stayingLoop = staying.ReceiveAsync(p => stayed.Add(p.Header.SequenceNumber), threads, CancellationToken.None);
        for (var call = 0; call < 50; call++)
        {
            var endpoint = new RtpEndpoint(Loopback);
            var handled = new BlockingCollection<ushort>();
            using var cts = new CancellationTokenSource();
            var loop = endpoint.ReceiveAsync(p => handled.Add(p.Header.SequenceNumber), threads, cts.Token);
            await peer.SendAsync(Packet((ushort)call, 1), endpoint.LocalEndPoint);
            Assert.True(handled.TryTake(out _, Patience));
            if (call % 2 == 0) await cts.CancelAsync(); // half stop by cancellation first, the socket still open
            await Task.Run(endpoint.Dispose).WaitAsync(Patience);
            await loop.WaitAsync(Patience);
            Assert.True(CanBind(endpoint.LocalEndPoint.Port), $"call {call}: its port still taken");
        }

        await peer.SendAsync(Packet(7, 2), staying.LocalEndPoint);
        Assert.True(stayed.TryTake(out var sequence, Patience));
        Assert.Equal(7, sequence);
        Assert.Equal(1, threads.Count);
        staying.Dispose();
        await stayingLoop.WaitAsync(Patience);
    }

    /// <summary>Whether a plain socket (no SO_REUSEADDR) can bind the loopback port: only when no socket holds it.</summary>
    private static bool CanBind(int port)
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            probe.Bind(new IPEndPoint(IPAddress.Loopback, port));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
