using System.Net;
using Ivr.Media.Rtp;
using Ivr.Media.Tests.Support;

namespace Ivr.Media.Tests.Rtp;

public class SymmetricRtpLatchTests
{
    private static SocketAddress From(string endpoint) => IPEndPoint.Parse(endpoint).Serialize();

    [Fact]
    public void Accept_LatchesOnFirstAndDropsStrangers()
    {
        var latch = new SymmetricRtpLatch();
        Assert.False(latch.IsLatched);
        Assert.True(latch.Accept(From("10.0.0.1:4000")));
        Assert.True(latch.Accept(From("10.0.0.1:4000")));
        Assert.False(latch.Accept(From("10.0.0.1:4002")));
        Assert.False(latch.Accept(From("10.0.0.9:4000")));
        Assert.False(latch.Accept(From("[::1]:4000")));
        Assert.Equal(2, latch.PacketsAccepted);
        Assert.Equal(3, latch.StrangerPacketsDropped);
        Assert.Equal(IPEndPoint.Parse("10.0.0.1:4000"), latch.RemoteEndPoint);
    }

    [Fact]
    public void Reset_LatchesAgainOnNextPacket()
    {
        var latch = new SymmetricRtpLatch();
        latch.Accept(From("10.0.0.1:4000"));
        latch.Reset();
        Assert.True(latch.Accept(From("10.0.0.2:5000")));
        Assert.False(latch.Accept(From("10.0.0.1:4000")));
        Assert.Equal(IPEndPoint.Parse("10.0.0.2:5000"), latch.RemoteEndPoint);
    }

    [Fact]
    public void Accept_AfterLatching_AllocatesNothing()
    {
        var latch = new SymmetricRtpLatch();
        var remote = From("10.0.0.1:4000");
        var stranger = From("10.0.0.1:4001");
        Assert.Equal(0, Allocations.Of(() =>
        {
            for (var i = 0; i < 1000; i++)
            {
                latch.Accept(remote);
                latch.Accept(stranger);
            }
        }));
        Assert.Equal(4000, latch.PacketsAccepted);
        Assert.Equal(4000, latch.StrangerPacketsDropped);
    }
}
