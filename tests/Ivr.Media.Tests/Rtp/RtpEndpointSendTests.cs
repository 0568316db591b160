using System.Net;
using System.Net.Sockets;
using Ivr.Media.Rtp;
using Ivr.Media.Tests.Support;
using Ivr.Native;

namespace Ivr.Media.Tests.Rtp;

/// <summary>The send side of <see cref="RtpEndpoint"/> (issue 13): libc <c>sendto</c> on Linux, the managed send elsewhere.
/// Real UDP on loopback; waits are bounded liveness waits.</summary>
public class RtpEndpointSendTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private static readonly IPEndPoint Loopback = new(IPAddress.Loopback, 0);

    private static byte[] Packet(ushort sequence)
    {
        var bytes = new byte[RtpHeader.FixedLength + 160];
        new RtpHeader(0, sequence, sequence * 160u, 5).WriteTo(bytes);
        bytes[^1] = 0x5A;
        return bytes;
    }

    [Fact]
    public void NativeSendTo_IsUsedOnLinux()
    {
        Assert.Equal(OperatingSystem.IsLinux() && IntPtr.Size == 8, NativeSendTo.IsSupported);
    }

    [Fact]
    public async Task Send_ArrivesWhole_FromTheEndpointsPort()
    {
        using var endpoint = new RtpEndpoint(Loopback);
        using var peer = new UdpClient(Loopback);
        endpoint.SetRemote((IPEndPoint)peer.Client.LocalEndPoint!);

        Assert.True(endpoint.Send(Packet(7)));

        var received = await peer.ReceiveAsync().WaitAsync(Patience);
        Assert.Equal(Packet(7), received.Buffer);
        Assert.Equal(endpoint.LocalEndPoint, received.RemoteEndPoint);
        Assert.Equal(0, endpoint.SendFailures);
    }

    [Fact]
    public async Task Send_IPv6_ArrivesFromTheEndpointsPort()
    {
        if (!Socket.OSSupportsIPv6) return;
        using var endpoint = new RtpEndpoint(new IPEndPoint(IPAddress.IPv6Loopback, 0));
        using var peer = new UdpClient(new IPEndPoint(IPAddress.IPv6Loopback, 0));
        endpoint.SetRemote((IPEndPoint)peer.Client.LocalEndPoint!);

        Assert.True(endpoint.Send(Packet(8)));

        var received = await peer.ReceiveAsync().WaitAsync(Patience);
        Assert.Equal(Packet(8), received.Buffer);
        Assert.Equal(endpoint.LocalEndPoint.Port, received.RemoteEndPoint.Port);
    }

    [Fact]
    public void Send_AfterDispose_FalseAndCounted()
    {
        var endpoint = new RtpEndpoint(Loopback);
        endpoint.SetRemote(new IPEndPoint(IPAddress.Loopback, 9));
        endpoint.Dispose();

        Assert.False(endpoint.Send(Packet(1)));
        Assert.Equal(1, endpoint.SendFailures);
    }

    [Fact]
    public void Send_SteadyState_AllocatesNothing()
    {
        using var endpoint = new RtpEndpoint(Loopback);
        using var sink = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        sink.Bind(Loopback);
        endpoint.SetRemote((IPEndPoint)sink.LocalEndPoint!);
        var packet = Packet(1);

        var allocated = Allocations.Of(() =>
        {
            for (var i = 0; i < 1_000; i++) endpoint.Send(packet);
        });

        Assert.Equal(0, allocated);
    }
}
