using System.Net;
using System.Net.Sockets;
using Ivr.Native;

namespace Ivr.Media.Tests.Rtp;

public sealed class NativeSendToTests
{
    [Theory]
    [InlineData("127.0.0.1", 5060)]
    [InlineData("192.168.10.200", 65535)]
    [InlineData("::1", 40000)]
    [InlineData("fe80::1%3", 5061)]
    public void WriteSockaddr_SameBytesAsTheRuntimesSocketAddress(string address, int port)
    {
        var target = new IPEndPoint(IPAddress.Parse(address), port);
        var expected = target.Serialize();
        Span<byte> written = stackalloc byte[28];

        var size = NativeSendTo.WriteSockaddr(target, written);

        Assert.Equal(expected.Size, size);
        Assert.Equal(expected.Buffer.Span[..expected.Size].ToArray(), written[..size].ToArray());
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    public void TrySend_ToAnIPEndPoint_Arrives(string loopback)
    {
        Assert.True(NativeSendTo.IsSupported || !OperatingSystem.IsLinux());
        if (!NativeSendTo.IsSupported) return;
        var address = IPAddress.Parse(loopback);
        using var receiver = new Socket(address.AddressFamily, SocketType.Dgram, ProtocolType.Udp) { ReceiveTimeout = 5000 };
        receiver.Bind(new IPEndPoint(address, 0));
        using var sender = new Socket(address.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        sender.Bind(new IPEndPoint(address, 0));

        Assert.True(NativeSendTo.TrySend(sender.SafeHandle, "INVITE"u8, (IPEndPoint)receiver.LocalEndPoint!));

        var buffer = new byte[16];
        EndPoint from = new IPEndPoint(address, 0);
        var length = receiver.ReceiveFrom(buffer, ref from);
        Assert.Equal("INVITE"u8.ToArray(), buffer[..length]);
        Assert.Equal(((IPEndPoint)sender.LocalEndPoint!).Port, ((IPEndPoint)from).Port);
    }

    [Fact]
    public void TrySend_ClosedSocket_False()
    {
        if (!NativeSendTo.IsSupported) return;
        var sender = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        sender.Dispose();

        Assert.False(NativeSendTo.TrySend(sender.SafeHandle, "x"u8, new IPEndPoint(IPAddress.Loopback, 9)));
    }
}
