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
    public void Accept_Restricted_StrangerBeforeTheCallerIsDroppedAndTheOfferedAddressLatches()
    {
        var latch = new SymmetricRtpLatch();
        latch.Restrict(null);
        latch.Offer(IPEndPoint.Parse("10.0.0.1:4000"));

        Assert.False(latch.Accept(From("10.6.6.6:4000"))); // first, but a stranger
        Assert.False(latch.Accept(From("10.0.0.1:4002"))); // the caller's IP, another port: symmetric RTP is off
        Assert.False(latch.IsLatched);
        Assert.True(latch.Accept(From("10.0.0.1:4000")));
        Assert.False(latch.Accept(From("10.6.6.6:4000")));
        Assert.Equal(3, latch.StrangerPacketsDropped);
        Assert.Equal(IPEndPoint.Parse("10.0.0.1:4000"), latch.RemoteEndPoint);
    }

    [Fact]
    public void Accept_RestrictedToSignallingSource_AnyPortOfThatIpLatchesThenOnlyThatPort()
    {
        var latch = new SymmetricRtpLatch();
        latch.Restrict(IPAddress.Parse("203.0.113.7"));
        latch.Offer(IPEndPoint.Parse("192.168.1.20:4000")); // the caller's private address behind NAT

        Assert.False(latch.Accept(From("198.51.100.9:4000")));
        Assert.True(latch.Accept(From("203.0.113.7:61234"))); // the NAT's mapping of the caller's RTP
        Assert.False(latch.Accept(From("203.0.113.7:61236"))); // latched: the same IP's other ports are strangers now
        Assert.False(latch.Accept(From("192.168.1.20:4000")));
        Assert.Equal(IPEndPoint.Parse("203.0.113.7:61234"), latch.RemoteEndPoint);
        Assert.Equal(3, latch.StrangerPacketsDropped);
    }

    [Fact]
    public void Accept_RestrictedIPv6Socket_MapsIPv4SignallingSource()
    {
        var latch = new SymmetricRtpLatch(System.Net.Sockets.AddressFamily.InterNetworkV6);
        latch.Restrict(IPAddress.Parse("10.0.0.1"));

        Assert.False(latch.Accept(From("[::ffff:10.0.0.2]:4000")));
        Assert.True(latch.Accept(From("[::ffff:10.0.0.1]:4000")));
    }

    [Fact]
    public void Reset_Restricted_OnlyTheNewOfferedAddressLatches()
    {
        var latch = new SymmetricRtpLatch();
        latch.Restrict(null);
        latch.Offer(IPEndPoint.Parse("10.0.0.1:4000"));
        latch.Accept(From("10.0.0.1:4000"));

        latch.Offer(IPEndPoint.Parse("10.0.0.3:6000")); // re-INVITE: the media moved
        latch.Reset();

        Assert.False(latch.Accept(From("10.0.0.9:6000")));
        Assert.True(latch.Accept(From("10.0.0.3:6000")));
        Assert.False(latch.Accept(From("10.0.0.1:4000")));
    }

    [Fact]
    public void Accept_IPv6_LatchesOnFirstAndDropsStrangersIncludingTheSameIPv4Port()
    {
        var latch = new SymmetricRtpLatch(System.Net.Sockets.AddressFamily.InterNetworkV6);
        Assert.True(latch.Accept(From("[2001:db8::1]:4000")));
        Assert.True(latch.Accept(From("[2001:db8::1]:4000")));
        Assert.False(latch.Accept(From("[2001:db8::1]:4256")));
        Assert.False(latch.Accept(From("[2001:db8::2]:4000")));
        Assert.False(latch.Accept(From("10.0.0.1:4000")));
        Assert.Equal(2, latch.PacketsAccepted);
        Assert.Equal(3, latch.StrangerPacketsDropped);
    }

    [Fact]
    public void Accept_IPv4_OneSourceObjectRewrittenPerPacket_ComparedByItsBytesNow()
    {
        // The receive threads hand every datagram's source in one reused SocketAddress: the latch must copy, and compare
        // what the object holds at each packet (port bytes in either order, address bytes).
        var latch = new SymmetricRtpLatch();
        var source = From("10.0.0.1:4000");
        Assert.True(latch.Accept(source));
        foreach (var stranger in new[] { "10.0.0.1:40975", "1.0.0.10:4000", "10.0.0.1:4001", "10.0.1.1:4000" })
        {
            From(stranger).Buffer.Span.CopyTo(source.Buffer.Span);
            Assert.False(latch.Accept(source), stranger);
        }

        From("10.0.0.1:4000").Buffer.Span.CopyTo(source.Buffer.Span);
        Assert.True(latch.Accept(source));
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
