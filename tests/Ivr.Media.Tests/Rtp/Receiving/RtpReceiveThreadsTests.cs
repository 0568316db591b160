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

    [Theory]
    [InlineData("epoll")]
    [InlineData("uring")]
    public async Task ManyEndpoints_EachGetsOnlyItsOwnPackets_InOrder(string way)
    {
        if (Threads(way, 2, callsPerThread: 0) is not { } threads) return; // the least loaded each time: both threads serve
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

    [Theory]
    [InlineData("epoll")]
    [InlineData("uring")]
    public async Task HandlerThrows_FaultsThatEndpointOnly_TheThreadGoesOn(string way)
    {
        if (Threads(way, 1) is not { } threads) return;
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

    [Theory]
    [InlineData("epoll")]
    [InlineData("uring")]
    public async Task Cancelled_NoPacketHandledAfterwards_EvenWithTheSocketOpen(string way)
    {
        if (Threads(way, 1) is not { } threads) return;
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

    [Theory]
    [InlineData("epoll")]
    [InlineData("uring")]
    public async Task AlreadyCancelled_CompletesAtOnce_AndLeavesNothingOnTheThreads(string way)
    {
        if (Threads(way, 1) is not { } threads) return;
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

    [Theory]
    [InlineData("epoll")]
    [InlineData("uring")]
    public async Task Backlog_LongerThanOneTurn_AllHandled_WithoutAnotherPacketArriving(string way)
    {
        if (Threads(way, 1) is not { } threads) return;
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

    [Theory]
    [InlineData("epoll")] // io_uring's share between sockets is the kernel's (a multishot receive's retry limit), and a
    // socket armed a tick later than a flooded one waits for that one's whole backlog: no bound to assert there
    public async Task OneSocketWithABacklog_AnotherReadyOneIsServedBeforeTheRest(string way)
    {
        if (Threads(way, 1) is not { } threads) return;
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

    [Theory]
    [InlineData("epoll")]
    [InlineData("uring")]
    public async Task NewCalls_FillTheFirstThreadToItsShare_ThenTheNext_ThenTheLeastLoaded(string way)
    {
        if (Threads(way, 3, callsPerThread: 2) is not { } threads) return;
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

    [Theory]
    [InlineData("epoll")]
    [InlineData("uring")]
    public async Task Disposed_WhileNotBeingRead_ThePortIsFreeWhenTheReceiveTaskEnds(string way)
    {
        if (Threads(way, 1) is not { } threads) return;
        var endpoint = new RtpEndpoint(Loopback);
        using var peer = new UdpClient(Loopback);
        var handled = new BlockingCollection<ushort>();
        var loop = endpoint.ReceiveAsync(p => handled.Add(p.Header.SequenceNumber), threads, CancellationToken.None);
        await peer.SendAsync(Packet(1, 1), endpoint.LocalEndPoint);
        Assert.True(handled.TryTake(out _, Patience)); // on the thread, its socket held open there

        await Task.Run(endpoint.Dispose).WaitAsync(Patience); // never waits for the thread: it closes the socket as it lets go
        if (way == "epoll") Assert.True(CanBind(endpoint.LocalEndPoint.Port), "epoll: nothing was reading, so the socket closed in Dispose");
        await loop.WaitAsync(Patience);
        Assert.True(CanBind(endpoint.LocalEndPoint.Port), "the port is still taken: the thread kept the socket open");
        Assert.Equal(0, threads.Count);
    }

    [Theory]
    [InlineData("epoll")]
    [InlineData("uring")]
    public async Task DisposedWhileItsPacketIsBeingHandled_DisposeReturnsAtOnce_TheSocketClosesAfter_NothingHandledAfter(string way)
    {
        if (Threads(way, 1) is not { } threads) return;
        var endpoint = new RtpEndpoint(Loopback);
        var port = endpoint.LocalEndPoint.Port;
        using var peer = new UdpClient(Loopback);
        using var inHandler = new ManualResetEventSlim();
        using var disposed = new ManualResetEventSlim();
        var handled = new ConcurrentQueue<ushort>();
        var loop = endpoint.ReceiveAsync(p =>
        {
            handled.Enqueue(p.Header.SequenceNumber);
            inHandler.Set();
            disposed.Wait(Patience); // held here until Dispose has returned on the other thread
        }, threads, CancellationToken.None);
        await peer.SendAsync(Packet(1, 1), endpoint.LocalEndPoint);
        await peer.SendAsync(Packet(2, 1), endpoint.LocalEndPoint); // never handled: the endpoint is disposed by then
        Assert.True(inHandler.Wait(Patience));

        await Task.Run(endpoint.Dispose).WaitAsync(Patience); // returns with the handler still running (a wait would time out)
        Assert.False(loop.IsCompleted); // the socket is still being read, so still open
        disposed.Set();
        await loop.WaitAsync(Patience);
        Assert.True(CanBind(port), "the port is still taken after the receive task ended");
        Assert.Equal([(ushort)1], handled);
        Assert.Equal(0, threads.Count);
    }

    [Theory]
    [InlineData("epoll")]
    [InlineData("uring")]
    public async Task DisposedFromItsOwnHandler_TheThreadGoesOn_AndThePortIsFreed(string way)
    {
        if (Threads(way, 1) is not { } threads) return;
        var endpoint = new RtpEndpoint(Loopback);
        var port = endpoint.LocalEndPoint.Port;
        using var other = new RtpEndpoint(Loopback);
        using var peer = new UdpClient(Loopback);
        var loop = endpoint.ReceiveAsync(_ => endpoint.Dispose(), threads, CancellationToken.None); // a Dispose that waited for the thread would wait for itself
        var otherHandled = new BlockingCollection<ushort>();
        var otherLoop = other.ReceiveAsync(p => otherHandled.Add(p.Header.SequenceNumber), threads, CancellationToken.None);
        await peer.SendAsync(Packet(1, 1), endpoint.LocalEndPoint);
        await loop.WaitAsync(Patience);
        Assert.True(CanBind(port), "the port is still taken");

        await peer.SendAsync(Packet(5, 2), other.LocalEndPoint);
        Assert.True(otherHandled.TryTake(out var sequence, Patience));
        Assert.Equal(5, sequence);
        other.Dispose();
        await otherLoop.WaitAsync(Patience);
    }

    [Theory]
    [InlineData("epoll")]
    [InlineData("uring")]
    public async Task ManyDatagramsWaitingForManySockets_WhileTheThreadIsHeld_EveryOneHandled_InOrder(string way)
    {
        if (Threads(way, 1) is not { } threads) return;
        // 1,800 waiting at once, more than an io_uring thread's 1,024 buffers: one io_uring_enter runs every socket's
        // receive, the buffers run out, those requests end with ENOBUFS and are submitted again (fails without the re-arm)
        const int endpoints = 30, packets = 60;
        using var gate = new RtpEndpoint(Loopback);
        using var held = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var gateLoop = gate.ReceiveAsync(_ =>
        {
            held.Set();
            release.Wait(Patience); // the thread is held here while everything else arrives
        }, threads, CancellationToken.None);
        var received = new ConcurrentQueue<ushort>[endpoints];
        var rtp = new RtpEndpoint[endpoints];
        var loops = new Task[endpoints];
        for (var e = 0; e < endpoints; e++)
        {
            var queue = received[e] = new ConcurrentQueue<ushort>();
            rtp[e] = new RtpEndpoint(Loopback);
            loops[e] = rtp[e].ReceiveAsync(p => queue.Enqueue(p.Header.SequenceNumber), threads, CancellationToken.None);
        }

        using var peer = new UdpClient(Loopback);
        await peer.SendAsync(Packet(0, 99), gate.LocalEndPoint);
        Assert.True(held.Wait(Patience));
        for (ushort s = 0; s < packets; s++)
            for (var e = 0; e < endpoints; e++)
                await peer.SendAsync(Packet(s, (uint)e), rtp[e].LocalEndPoint);
        release.Set();

        Assert.True(SpinWait.SpinUntil(() => received.Sum(q => q.Count) == endpoints * packets, Patience), $"{received.Sum(q => q.Count)} of {endpoints * packets} packets");
        foreach (var queue in received) Assert.Equal(Enumerable.Range(0, packets).Select(s => (ushort)s), queue);
        foreach (var endpoint in rtp) endpoint.Dispose();
        gate.Dispose();
        await Task.WhenAll(loops.Append(gateLoop)).WaitAsync(Patience);
        Assert.Equal(0, threads.Count);
    }

    [Theory]
    [InlineData("epoll")]
    [InlineData("uring")]
    public async Task SteadyState_TheReceiveThreadAllocatesNothing_PerPacket(string way)
    {
        // Issue 13: 0 bytes allocated per packet received. Counted on the receive thread itself (its own allocation
        // counter, read by the handler, which runs there) between the end of a warm-up and the last packet; the peer sends
        // a packet to every endpoint a round and waits for them, so the thread sleeps, wakes and ticks between rounds.
        if (Threads(way, 1) is not { } threads) return;
        const int endpoints = 20, warmUpRounds = 20, measuredRounds = 100;
        var counter = new AllocationCounter(endpoints * warmUpRounds, endpoints * (warmUpRounds + measuredRounds));
        var rtp = new RtpEndpoint[endpoints];
        var loops = new Task[endpoints];
        for (var e = 0; e < endpoints; e++)
        {
            rtp[e] = new RtpEndpoint(Loopback);
            loops[e] = rtp[e].ReceiveAsync(counter.OnPacket, threads, CancellationToken.None);
        }

        using var peer = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        peer.Bind(Loopback);
        for (var round = 0; round < warmUpRounds + measuredRounds; round++)
        {
            for (var e = 0; e < endpoints; e++) peer.SendTo(Packet((ushort)round, (uint)e), rtp[e].LocalEndPoint);
            var expected = endpoints * (round + 1);
            Assert.True(SpinWait.SpinUntil(() => Volatile.Read(ref counter.Handled) == expected, Patience), $"round {round}: {counter.Handled} of {expected} packets");
        }

        Assert.True(counter.Before >= 0 && counter.After >= 0, "the counter was not read at both ends");
        Assert.Equal(0, counter.After - counter.Before);
        foreach (var endpoint in rtp) endpoint.Dispose();
        await Task.WhenAll(loops).WaitAsync(Patience);
    }

    /// <summary>Reads the receive thread's allocation counter when the <c>from</c>-th and the <c>to</c>-th packets are
    /// handled; <see cref="Handled"/> counts them.</summary>
    private sealed class AllocationCounter(int from, int to)
    {
        public int Handled;
        public long Before = -1, After = -1;

        public void OnPacket(RtpPacket packet)
        {
            var handled = Handled + 1; // one receive thread handles them all, one at a time
            if (handled == from) Before = GC.GetAllocatedBytesForCurrentThread();
            else if (handled == to) After = GC.GetAllocatedBytesForCurrentThread();
            Volatile.Write(ref Handled, handled); // after the reading: a test that sees the count sees the counter
        }
    }

    [Fact]
    public void WhereTheKernelGivesIoUring_TheThreadsUseIt()
    {
        if (!LinuxUdp.Available || !IoUringExpected()) return;
        Assert.Equal(ReceiveWay.Uring, new RtpReceiveThreads(1, log: _ => { }).Way);
        Assert.Equal(ReceiveWay.Epoll, new RtpReceiveThreads(1, way: ReceiveWay.Epoll).Way);
    }

    /// <summary>Linux 6.1 or later, io_uring not disabled by sysctl, no seccomp filter (a container's may refuse it).</summary>
    private static bool IoUringExpected()
    {
        var release = Environment.OSVersion.Version;
        if (release.Major < 6 || (release.Major == 6 && release.Minor < 1)) return false;
        var disabled = File.Exists("/proc/sys/kernel/io_uring_disabled") ? File.ReadAllText("/proc/sys/kernel/io_uring_disabled").Trim() : "0";
        var seccomp = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("Seccomp:", StringComparison.Ordinal));
        return disabled == "0" && seccomp is not null && seccomp.EndsWith('0');
    }

    [Theory]
    [InlineData("epoll")]
    [InlineData("uring")]
    public async Task DisposedBeforeItsReceiverIsOnAThread_NeitherHangsNorKeepsThePort(string way)
    {
        // A stress of the two orders (and, rarely, the narrow one where Dispose misses a receiver that then takes the socket:
        // RtpEndpoint stops it itself); a socket left held would hang its Dispose or keep its port.
        if (Threads(way, 1) is not { } threads) return;
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

    [Theory]
    [InlineData("epoll")]
    [InlineData("uring")]
    public async Task ManyCallsComeAndGo_EachPortFreedAtItsEnd_TheThreadKeepsServingTheOthers(string way)
    {
        if (Threads(way, 1) is not { } threads) return;
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

    /// <summary>Receive threads of the way named (<c>epoll</c> or <c>uring</c>); null where this machine has not that way
    /// (not Linux; io_uring refused).</summary>
    private static RtpReceiveThreads? Threads(string way, int threads, int callsPerThread = RtpReceiveThreads.CallsPerThread)
    {
        if (!LinuxUdp.Available) return null;
        try
        {
            return new RtpReceiveThreads(threads, callsPerThread, way: way == "epoll" ? ReceiveWay.Epoll : ReceiveWay.Uring);
        }
        catch (IoUringUnavailableException)
        {
            return null;
        }
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
