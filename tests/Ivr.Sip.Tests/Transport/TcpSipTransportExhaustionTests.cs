using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Ivr.Sip.Transport;
using Xunit.Abstractions;
using static Ivr.Sip.Tests.Transport.TcpTestClient;

namespace Ivr.Sip.Tests.Transport;

/// <summary>Idle TCP connections from one address cannot lock other addresses out (issue 14, finding 4); UDP carries on.</summary>
public sealed class TcpSipTransportExhaustionTests(ITestOutputHelper output)
{
    [Fact]
    public async Task TwoThousandIdleConnectionsFrom127002_DoNotBlockANewClientFrom127003_NorUdp()
    {
        await using var udp = UdpSipTransport.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        await using var tcp = TcpSipTransport.Bind(new IPEndPoint(IPAddress.Loopback, udp.LocalEndPoint.Port));
        var received = new ConcurrentQueue<SipEndPoint>();
        udp.Start((_, source) => received.Enqueue(source));
        tcp.Start((_, source) => received.Enqueue(source));

        var idle = await OpenIdleAsync("127.0.0.2", tcp.LocalEndPoint, 2000);
        try
        {
            output.WriteLine($"2000 connected from 127.0.0.2: {tcp.ConnectionCount} kept, {tcp.Refused} refused");
            Assert.InRange(tcp.ConnectionCount, 1, TcpConnectionLimits.Default.MaxConnectionsPerAddress);

            using var newcomer = await ConnectAsync("127.0.0.3", tcp.LocalEndPoint);
            await newcomer.SendAsync(Options("127.0.0.3"));
            using var datagram = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            datagram.Bind(new IPEndPoint(IPAddress.Parse("127.0.0.3"), 0));
            await datagram.SendToAsync(Options("127.0.0.3"), udp.LocalEndPoint);

            await EventuallyAsync(() => received.Any(s => s is { Transport: SipTransportKind.Tcp } && s.EndPoint.Address.ToString() == "127.0.0.3"),
                TimeSpan.FromSeconds(10), "the TCP OPTIONS from 127.0.0.3");
            await EventuallyAsync(() => received.Any(s => s is { Transport: SipTransportKind.Udp } && s.EndPoint.Address.ToString() == "127.0.0.3"),
                TimeSpan.FromSeconds(10), "the UDP OPTIONS from 127.0.0.3");
            Assert.False(await ClosedByServerAsync(newcomer, TimeSpan.FromMilliseconds(100)));
        }
        finally
        {
            foreach (var socket in idle) socket.Dispose();
        }
    }

    [Fact]
    public async Task WhenFull_ANewAddressTakesThePlaceOfTheBusiestAddresssLongestIdleConnection()
    {
        var limits = new TcpConnectionLimits { MaxConnectionsPerAddress = 50, MaxConnections = 60 };
        await using var tcp = TcpSipTransport.Bind(new IPEndPoint(IPAddress.Loopback, 0), limits: limits);
        var received = new ConcurrentQueue<SipEndPoint>();
        tcp.Start((_, source) => received.Enqueue(source));
        var idle = new List<Socket>();
        try
        {
            idle.AddRange(await OpenIdleAsync("127.0.0.2", tcp.LocalEndPoint, 100));
            idle.AddRange(await OpenIdleAsync("127.0.0.4", tcp.LocalEndPoint, 10));
            await EventuallyAsync(() => tcp.ConnectionCount == 60 && tcp.Refused == 50, TimeSpan.FromSeconds(10), "50 + 10 kept, 50 refused");

            using var newcomer = await ConnectAsync("127.0.0.3", tcp.LocalEndPoint);
            await newcomer.SendAsync(Options("127.0.0.3"));
            await EventuallyAsync(() => received.Any(s => s.EndPoint.Address.ToString() == "127.0.0.3"), TimeSpan.FromSeconds(10), "the newcomer's OPTIONS");
            Assert.Equal(1, tcp.Evicted);

            using var another = await ConnectAsync("127.0.0.2", tcp.LocalEndPoint);
            Assert.True(await ClosedByServerAsync(another, TimeSpan.FromSeconds(10)), "the busiest address gets no more");
            Assert.Equal(51, tcp.Refused);
        }
        finally
        {
            foreach (var socket in idle) socket.Dispose();
        }
    }

    private static async Task<List<Socket>> OpenIdleAsync(string from, IPEndPoint to, int count)
    {
        var sockets = new ConcurrentBag<Socket>();
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 32 },
            async (_, _) => sockets.Add(await ConnectAsync(from, to)));
        return [.. sockets];
    }
}
