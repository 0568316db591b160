using System.Net;
using System.Net.Sockets;
using Ivr.Telephony.Ports;

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
        var pool = new RtpPortPool(41100, 41105);
        using var a = pool.Open(IPAddress.Loopback);
        using var b = pool.Open(IPAddress.Loopback);
        using var c = pool.Open(IPAddress.Loopback);

        Assert.Equal([41100, 41102, 41104], new[] { a!, b!, c! }.Select(e => e.LocalEndPoint.Port));
        Assert.Null(pool.Open(IPAddress.Loopback));
        Assert.Equal(3, pool.InUse);
    }

    [Fact]
    public void Release_Port_ReusedLast()
    {
        var pool = new RtpPortPool(41200, 41205);
        var first = pool.Open(IPAddress.Loopback)!;
        first.Dispose();
        pool.Release(41200);
        pool.Release(41200); // twice: ignored

        using var second = pool.Open(IPAddress.Loopback)!;
        using var third = pool.Open(IPAddress.Loopback)!;
        using var fourth = pool.Open(IPAddress.Loopback)!;

        Assert.Equal([41202, 41204, 41200], new[] { second, third, fourth }.Select(e => e.LocalEndPoint.Port));
        Assert.Equal(3, pool.InUse);
    }

    [Fact]
    public void Open_PortTakenElsewhere_Skipped()
    {
        using var squatter = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        squatter.Bind(new IPEndPoint(IPAddress.Loopback, 41300));
        var pool = new RtpPortPool(41300, 41303);

        using var endpoint = pool.Open(IPAddress.Loopback);

        Assert.Equal(41302, endpoint!.LocalEndPoint.Port);
        Assert.Null(pool.Open(IPAddress.Loopback));
    }
}
