using System.Net;
using System.Net.Sockets;
using System.Runtime.ExceptionServices;
using Ivr.Telephony.Ports;
using Ivr.Tests.Shared;

namespace Ivr.Telephony.Tests.Ports;

public sealed class RtpPortPoolTests
{
    [Fact]
    public void Constructor_OddBounds_OnlyEvenPortsCount()
    {
        Assert.Equal(5, new RtpPortPool(41001, 41011).Capacity); // 41002 … 41010
        Assert.Equal(500, new RtpPortPool(20000, 20999).Capacity);
    }

    [Theory]
    [InlineData(0, 100)]
    [InlineData(41000, 40000)]
    [InlineData(41001, 41001)]
    public void Constructor_BadRange_Throws(int min, int max) =>
        Assert.ThrowsAny<ArgumentException>(() => new RtpPortPool(min, max));

    [Fact]
    public void Open_UntilExhausted_EvenPortsThenNull()
    {
        var b0 = FreeBlock(6);
        var pool = new RtpPortPool(b0, b0 + 5);
        using var a = pool.Open(IPAddress.Loopback);
        using var b = pool.Open(IPAddress.Loopback);
        using var c = pool.Open(IPAddress.Loopback);

        Assert.Equal([b0, b0 + 2, b0 + 4], new[] { a!, b!, c! }.Select(e => e.LocalEndPoint.Port).Order());
        Assert.Null(pool.Open(IPAddress.Loopback));
        Assert.Equal(3, pool.InUse);
    }

    [Fact]
    public void Release_Port_ReusedLast()
    {
        var b0 = FreeBlock(6);
        var pool = new RtpPortPool(b0, b0 + 5);
        var first = pool.Open(IPAddress.Loopback)!;
        var port = first.LocalEndPoint.Port;
        first.Dispose();
        pool.Release(port);
        pool.Release(port); // twice: ignored

        using var second = pool.Open(IPAddress.Loopback)!;
        using var third = pool.Open(IPAddress.Loopback)!;
        using var fourth = pool.Open(IPAddress.Loopback)!;

        Assert.DoesNotContain(port, new[] { second, third }.Select(e => e.LocalEndPoint.Port));
        Assert.Equal(port, fourth.LocalEndPoint.Port);
        Assert.Equal(3, pool.InUse);
    }

    [Fact]
    public void Open_PortTakenElsewhere_Skipped()
    {
        using var squatter = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        var b0 = FreeBlock(4);
        squatter.Bind(new IPEndPoint(IPAddress.Loopback, b0));
        var pool = new RtpPortPool(b0, b0 + 3);

        using var endpoint = pool.Open(IPAddress.Loopback);

        Assert.Equal(b0 + 2, endpoint!.LocalEndPoint.Port);
        Assert.Null(pool.Open(IPAddress.Loopback));
    }

    [Fact]
    public void Open_MostPortsTakenElsewhere_SkippedWithoutAnException()
    {
        // 19 of 20 ports held by another "process": drawing them costs a failed bind each, never a thrown exception.
        var b0 = FreeBlock(40);
        var squatters = Enumerable.Range(0, 20).Select(i => b0 + 2 * i).Where(p => p != b0 + 20).Select(p =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            socket.Bind(new IPEndPoint(IPAddress.Loopback, p));
            return socket;
        }).ToList();
        var pool = new RtpPortPool(b0, b0 + 39);
        var thrown = new List<string>();
        var thread = Environment.CurrentManagedThreadId;
        EventHandler<FirstChanceExceptionEventArgs> watch = (_, e) =>
        {
            if (Environment.CurrentManagedThreadId == thread) lock (thrown) thrown.Add(e.Exception.GetType().Name);
        };
        AppDomain.CurrentDomain.FirstChanceException += watch;
        try
        {
            using var endpoint = pool.Open(IPAddress.Loopback);
            var none = pool.Open(IPAddress.Loopback);

            Assert.Equal(b0 + 20, endpoint!.LocalEndPoint.Port);
            Assert.Null(none);
        }
        finally
        {
            AppDomain.CurrentDomain.FirstChanceException -= watch;
            squatters.ForEach(s => s.Dispose());
        }

        if (OperatingSystem.IsLinux()) Assert.Empty(thrown); // the managed bind elsewhere throws and catches
    }

    [Fact]
    public void Open_HundredAllocations_DrawnAtRandomAcrossTheRange()
    {
        var b0 = FreeBlock(400);
        var pool = new RtpPortPool(b0, b0 + 399); // 200 even ports
        var endpoints = Enumerable.Range(0, 100).Select(_ => pool.Open(IPAddress.Loopback)!).ToList();
        try
        {
            var ports = endpoints.Select(e => e.LocalEndPoint.Port).ToList();
            Assert.All(ports, p => Assert.True(p % 2 == 0 && p >= b0 && p <= b0 + 398, $"port {p}"));
            Assert.Equal(100, ports.Distinct().Count());
            var rises = ports.Zip(ports.Skip(1)).Count(pair => pair.Second > pair.First);
            Assert.InRange(rises, 20, 79); // in order (b0, b0 + 2 …) every step rises; at random about half do
            Assert.True(ports.Min() < b0 + 100 && ports.Max() > b0 + 300, $"drawn only from {ports.Min()}..{ports.Max()}");
            Assert.InRange(ports.Count(p => p < b0 + 200), 25, 75); // both halves of the range
        }
        finally
        {
            endpoints.ForEach(e => e.Dispose());
        }
    }

    [Fact]
    public void Release_Port_RestsWhileHalfTheRangeIsDrawn()
    {
        var b0 = FreeBlock(40);
        var pool = new RtpPortPool(b0, b0 + 39); // 20 ports: a released one rests behind 10 draws at least
        var first = pool.Open(IPAddress.Loopback)!;
        var port = first.LocalEndPoint.Port;
        first.Dispose();
        pool.Release(port);

        for (var i = 0; i < 10; i++)
        {
            var next = pool.Open(IPAddress.Loopback)!;
            Assert.NotEqual(port, next.LocalEndPoint.Port);
            next.Dispose();
            pool.Release(next.LocalEndPoint.Port);
        }
    }

    /// <summary>Fixed ports below the kernel's ephemeral range (32768–60999), where no other test of this assembly draws
    /// RTP ports: fixed ports collided with the dialer and bridge tests' pools running in parallel.</summary>
    private static int FreeBlock(int size) => FreeUdpPorts.Block(size, 10000, 20000);
}
