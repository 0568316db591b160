using System.Net;
using System.Net.Sockets;
using Ivr.Tests.Shared;

namespace Ivr.Host.Tests.Ports;

/// <summary>
/// The tests' port picker (tests/Shared/FreePorts.cs): ports of its band, distinct, spans aligned and apart, never one a
/// socket holds (UDP or TCP, on loopback or every address), never one it handed out already. Where the answer must be
/// exact, the test draws from a few ports of its own (<see cref="FreePorts.TakeFrom"/> on a block of 10000-19999, a
/// range no server of this assembly uses) and holds some of them itself.
/// </summary>
public sealed class FreePortsTests
{
    [Fact]
    public void Take_AHundred_DistinctPortsOfTheBand()
    {
        var ports = FreePorts.Take(100);

        Assert.Equal(100, ports.Distinct().Count());
        Assert.All(ports, p => Assert.InRange(p, 30000, 32767));
    }

    [Theory]
    [InlineData(4)]
    [InlineData(7)]
    [InlineData(16)]
    public void Take_Spans_MultiplesOfTheSpan_WholeSpanInTheBand_NoneOverlapping(int span)
    {
        var ports = FreePorts.Take(10, span).Order().ToArray();

        Assert.Equal(10, ports.Length);
        Assert.All(ports, p => Assert.Equal(0, p % span));
        Assert.All(ports, p => Assert.InRange(p, 30000, 32768 - span));
        Assert.All(ports.Zip(ports.Skip(1)), pair => Assert.True(pair.Second - pair.First >= span, $"{pair.First} and {pair.Second} overlap"));
    }

    [Fact]
    public void Take_Twice_TheSecondNeverRepeatsTheFirst()
    {
        var first = FreePorts.Take(100);
        var second = FreePorts.Take(100);

        Assert.Empty(first.Intersect(second));
    }

    [Fact]
    public void Take_FromManyThreadsAtOnce_NoPortTwice()
    {
        var taken = new int[8][];
        Parallel.For(0, taken.Length, new ParallelOptions { MaxDegreeOfParallelism = taken.Length }, i => taken[i] = FreePorts.Take(20));

        Assert.Equal(8 * 20, taken.SelectMany(p => p).Distinct().Count());
    }

    [Fact]
    public void TakeFrom_PortsHeldForUdpOrTcp_OnLoopbackOrEveryAddress_NeverReturned()
    {
        var block = PrivateBlock();
        using var udpLoopback = Hold(SocketType.Dgram, IPAddress.Loopback, block + 1);
        using var tcpLoopback = Hold(SocketType.Stream, IPAddress.Loopback, block + 2);
        using var udpAny = Hold(SocketType.Dgram, IPAddress.Any, block + 5);
        using var tcpAny = Hold(SocketType.Stream, IPAddress.Any, block + 6);

        var ports = FreePorts.TakeFrom(block, block + 8, count: 4);

        Assert.Equal([block, block + 3, block + 4, block + 7], ports.Order());
    }

    [Fact]
    public void TakeFrom_Spans_SkipEverySpanWithAPortHeldAnywhereInIt()
    {
        var block = PrivateBlock();
        using var second = Hold(SocketType.Stream, IPAddress.Loopback, block + 5);
        using var third = Hold(SocketType.Dgram, IPAddress.Loopback, block + 10);
        using var fourth = Hold(SocketType.Stream, IPAddress.Any, block + 15);

        Assert.Equal([block], FreePorts.TakeFrom(block, block + 16, span: 4));
        Assert.Throws<InvalidOperationException>(() => FreePorts.TakeFrom(block, block + 16, span: 4));
    }

    [Fact]
    public void TakeFrom_PortsHandedOutBefore_NotHandedOutAgain_TooFewLeftThrows()
    {
        var block = PrivateBlock();
        var first = FreePorts.TakeFrom(block, block + 8, count: 5);

        var second = FreePorts.TakeFrom(block, block + 8, count: 3);

        Assert.Equal(Enumerable.Range(block, 8), first.Concat(second).Order());
        var none = Assert.Throws<InvalidOperationException>(() => FreePorts.TakeFrom(block, block + 8));
        Assert.StartsWith($"fewer than 1 free ports in {block}-{block + 7}", none.Message);
    }

    [Fact]
    public void TakeFrom_MoreThanAreFree_ThrowsNamingTheRange()
    {
        var block = PrivateBlock();
        using var held = Hold(SocketType.Dgram, IPAddress.Loopback, block + 8);

        var none = Assert.Throws<InvalidOperationException>(() => FreePorts.TakeFrom(block, block + 16, count: 2, span: 8));

        Assert.StartsWith($"fewer than 2 free spans of 8 ports in {block}-{block + 15}", none.Message);
        Assert.Equal([block], FreePorts.TakeFrom(block, block + 16, span: 8)); // a failed draw hands out nothing
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(-1, 1)]
    [InlineData(101, 1)]
    [InlineData(1, 0)]
    [InlineData(1, -4)]
    [InlineData(1, 17)]
    public void Take_CountOrSpanOutOfRange_Throws(int count, int span) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => FreePorts.Take(count, span));

    /// <summary>A multiple of 16 in 10000-19999 whose 16 ports bind for UDP and TCP now: ports no server of this assembly
    /// takes (they are below the RTP ranges its tests give), so the tests above know what each draw must answer.</summary>
    private static int PrivateBlock()
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var block = Random.Shared.Next(10000 / 16, 20000 / 16) * 16;
            if (Enumerable.Range(block, 16).All(Free)) return block;
        }

        throw new InvalidOperationException("no 16 free ports in 10000-19999");
    }

    private static bool Free(int port)
    {
        try
        {
            using (Hold(SocketType.Dgram, IPAddress.Any, port))
            using (Hold(SocketType.Stream, IPAddress.Any, port))
            {
                return true;
            }
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>A socket bound to <paramref name="address"/>:<paramref name="port"/>, as a server holds it (TCP listens).</summary>
    private static Socket Hold(SocketType type, IPAddress address, int port)
    {
        var socket = new Socket(AddressFamily.InterNetwork, type, type == SocketType.Dgram ? ProtocolType.Udp : ProtocolType.Tcp);
        try
        {
            socket.Bind(new IPEndPoint(address, port));
            if (type == SocketType.Stream) socket.Listen();
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
