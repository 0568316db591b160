using System.Net;
using Ivr.Sip.Transport;
using Microsoft.Extensions.Time.Testing;
using static Ivr.Sip.Tests.Transport.TcpTestClient;

namespace Ivr.Sip.Tests.Transport;

/// <summary>Idle connections close after two minutes, unless they carry a call (<see cref="DialogPeers"/>): then after an hour.</summary>
public sealed class TcpCallIdleTests
{
    [Fact]
    public async Task AnIdleConnection_ClosesAfterTwoMinutes_OneCarryingACallStaysUntilTheHour()
    {
        var time = new FakeTimeProvider();
        var peers = new DialogPeers();
        await using var transport = TcpSipTransport.Bind(new IPEndPoint(IPAddress.Loopback, 0), time: time, peers: peers);
        var received = 0;
        transport.Start((_, _) => Interlocked.Increment(ref received));
        using var idle = await ConnectAsync("127.0.0.2", transport.LocalEndPoint);
        using var caller = await ConnectAsync("127.0.0.3", transport.LocalEndPoint);
        await idle.SendAsync(Options("127.0.0.2"));
        await caller.SendAsync(Options("127.0.0.3"));
        await EventuallyAsync(() => Volatile.Read(ref received) == 2, TimeSpan.FromSeconds(10), "both messages read");
        peers.Add((IPEndPoint)caller.LocalEndPoint!);

        time.Advance(TimeSpan.FromSeconds(119));
        Assert.False(await ClosedByServerAsync(idle, TimeSpan.FromMilliseconds(200)));
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(await ClosedByServerAsync(idle, TimeSpan.FromSeconds(10)), "no call: closed after 2 min");
        Assert.False(await ClosedByServerAsync(caller, TimeSpan.FromMilliseconds(200)), "a call: kept");

        time.Advance(TimeSpan.FromMinutes(58));
        Assert.True(await ClosedByServerAsync(caller, TimeSpan.FromSeconds(10)), "a call too, after an hour of silence");
    }

    [Fact]
    public void DialogPeers_CountsCallsPerAddress()
    {
        var peers = new DialogPeers();
        var remote = new IPEndPoint(IPAddress.Loopback, 5070);
        peers.Add(remote);
        peers.Add(new IPEndPoint(IPAddress.Loopback, 5070));

        peers.Remove(remote);
        Assert.True(peers.Contains(remote));
        peers.Remove(remote);
        Assert.False(peers.Contains(remote));
    }
}
