using System.Net;
using System.Net.Sockets;
using Ivr.Media.Rtp;

namespace Ivr.Media.Tests.Rtp;

/// <summary>A port held by another process (issue 13: the pool skips it): the failed endpoint's socket is closed at once,
/// not left for the finalizer thread (under churn it closed hundreds a second there).</summary>
public class RtpEndpointBindTests
{
    [Fact]
    public void Constructor_PortTaken_ThrowsAndLeavesNoOpenSocket()
    {
        if (!OperatingSystem.IsLinux()) return; // open descriptors counted in /proc/self/fd
        using var holder = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        holder.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var taken = (IPEndPoint)holder.LocalEndPoint!;
        var before = Directory.GetFiles("/proc/self/fd").Length;

        for (var i = 0; i < 200; i++) Assert.Throws<SocketException>(() => new RtpEndpoint(taken));

        var after = Directory.GetFiles("/proc/self/fd").Length;
        Assert.True(after - before < 50, $"{after - before} more descriptors open after 200 failed binds");
    }
}
