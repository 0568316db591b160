using Ivr.Sip.Transport;
using static Ivr.Sip.Tests.Throttling.Sources;

namespace Ivr.Sip.Tests.Transport;

public sealed class FairDatagramQueueTests
{
    private static readonly byte[] Garbage = new byte[1400];
    private static readonly byte[] Options = "OPTIONS"u8.ToArray();

    [Fact]
    public void TryTake_ServesSourcesRoundRobin_SoAFloodedQueueDelaysAnotherSourceByOneTurn()
    {
        var queue = new FairDatagramQueue();
        for (var i = 0; i < 100; i++) queue.TryAdd(Garbage, Attacker);
        queue.TryAdd(Options, Caller);
        queue.TryAdd(Options, Caller);

        var order = TakeAll(queue).Select(d => d.Source == Caller ? 'C' : 'A').Take(5);

        Assert.Equal("ACACA", new string([.. order]));
    }

    [Fact]
    public void TryAdd_OneSourceOverItsLimit_IsDropped_AnotherSourceIsStillQueued()
    {
        var queue = new FairDatagramQueue(perSourceLimit: 10);

        var drops = Enumerable.Range(0, 50).Select(_ => queue.TryAdd(Garbage, Attacker)).ToList();

        Assert.Equal(10, drops.Count(d => d is null));
        Assert.All(drops.Skip(10), d => Assert.Equal(DatagramDrop.SourceBacklog, d));
        Assert.Null(queue.TryAdd(Options, Caller));
        Assert.Equal(11, queue.Count);
    }

    [Fact]
    public void TryAdd_BoundedInDatagramsAndBytesForAllSourcesTogether()
    {
        var byCount = new FairDatagramQueue(perSourceLimit: 10, maxDatagrams: 15);
        for (var host = 1; host <= 2; host++)
            for (var i = 0; i < 10; i++) byCount.TryAdd(Options, Udp($"10.1.0.{host}"));
        var bySize = new FairDatagramQueue(maxBytes: 3000);

        Assert.Equal(15, byCount.Count);
        Assert.Equal(DatagramDrop.Backlog, byCount.TryAdd(Options, Caller));
        Assert.Null(bySize.TryAdd(Garbage, Attacker));
        Assert.Null(bySize.TryAdd(Garbage, Caller));
        Assert.Equal(DatagramDrop.Backlog, bySize.TryAdd(Garbage, Kamailio));
    }

    [Fact]
    public void TryTake_ACopy_ValidAfterTheReceiveBufferIsReused()
    {
        var queue = new FairDatagramQueue();
        var buffer = "INVITE"u8.ToArray();
        queue.TryAdd(buffer, Caller);
        buffer.AsSpan().Fill((byte)'x');

        Assert.True(queue.TryTake(TimeSpan.Zero, out var datagram));
        using (datagram) Assert.Equal("INVITE"u8.ToArray(), datagram.Data.ToArray());
        Assert.Equal(0, queue.Count);
        Assert.False(queue.TryTake(TimeSpan.Zero, out _));
    }

    [Fact]
    public async Task TryTake_Waiting_IsWokenByTheFirstDatagram()
    {
        var queue = new FairDatagramQueue();
        var taking = Task.Run(() => queue.TryTake(TimeSpan.FromSeconds(30), out var datagram) && datagram.Source == Caller);

        await Task.Delay(50);
        queue.TryAdd(Options, Caller);

        Assert.True(await taking.WaitAsync(TimeSpan.FromSeconds(20)));
    }

    private static List<FairDatagramQueue.Datagram> TakeAll(FairDatagramQueue queue)
    {
        var taken = new List<FairDatagramQueue.Datagram>();
        while (queue.TryTake(TimeSpan.Zero, out var datagram))
        {
            datagram.Dispose();
            taken.Add(datagram);
        }

        return taken;
    }
}
