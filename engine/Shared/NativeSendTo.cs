using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Ivr.Native;

/// <summary>
/// Linux: one datagram sent with libc's <c>sendto</c> on the socket's descriptor, straight from the caller's span to
/// the <see cref="SocketAddress"/>'s native <c>sockaddr</c> bytes — what <see cref="Socket.SendTo(ReadOnlySpan{byte}, SocketFlags, SocketAddress)"/>
/// does, without its validation, exception plumbing and, on a full send buffer, its wait for the socket to drain
/// (a pacing thread must never block: the datagram is dropped and counted instead). The socket's handle is
/// referenced for the call, so a socket closed meanwhile fails cleanly instead of reaching a reused descriptor.
/// RTP needs one socket per port (the source port is the SDP's), so datagrams of different calls cannot share one
/// <c>sendmmsg</c>; this is the cheapest per-datagram path that keeps that (tools/bench/Ivr.Media.Benchmarks --rtp-send).
/// Elsewhere <see cref="IsSupported"/> is false and callers use the managed send.
/// One binding for RTP and SIP: compiled into Ivr.Media (every RTP packet) and Ivr.Sip (the UDP transport's
/// responses and requests), as <c>RecvMmsgBatch.cs</c> is.
/// </summary>
internal static class NativeSendTo
{
    private const int DontWait = 0x40; // MSG_DONTWAIT
    private const int NoSignal = 0x4000; // MSG_NOSIGNAL
    private const int SockaddrInSize = 16;
    private const int SockaddrIn6Size = 28;

    /// <summary>Room for any address <see cref="WriteSockaddr"/> writes (a <c>sockaddr_in6</c>).</summary>
    internal const int MaxSockaddrSize = SockaddrIn6Size;

    [DllImport("libc", EntryPoint = "sendto", SetLastError = true)]
    private static extern nint SendTo(int socket, ref byte buffer, nuint length, int flags, ref byte address, uint addressLength);

    [DllImport("libc", EntryPoint = "send", SetLastError = true)]
    private static extern nint Send(int socket, ref byte buffer, nuint length, int flags);

    public static readonly bool IsSupported = Probe();

    /// <summary>Sends <paramref name="datagram"/> to the address the socket is connected to (<c>connect</c>ed: the kernel
    /// keeps the route, which <c>sendto</c> looks up for every datagram); false when the socket is closed or refused it
    /// (a connected UDP socket also reports the peer's ICMP port unreachable here, once).</summary>
    public static bool TrySendConnected(SafeHandle socket, ReadOnlySpan<byte> datagram) => TrySend(socket, datagram, []);

    /// <summary>Sends <paramref name="datagram"/> to <paramref name="target"/>; false when the socket is closed or refused it.</summary>
    public static bool TrySend(SafeHandle socket, ReadOnlySpan<byte> datagram, SocketAddress target) =>
        TrySend(socket, datagram, target.Buffer.Span[..target.Size]);

    /// <summary>Sends <paramref name="datagram"/> to <paramref name="target"/>, whose <c>sockaddr</c> is written on the stack
    /// (no <see cref="SocketAddress"/> allocated); false when the socket is closed or refused it.</summary>
    public static bool TrySend(SafeHandle socket, ReadOnlySpan<byte> datagram, IPEndPoint target)
    {
        Span<byte> address = stackalloc byte[MaxSockaddrSize];
        var size = WriteSockaddr(target, address);
        return size > 0 && TrySend(socket, datagram, address[..size]);
    }

    /// <summary>Writes <paramref name="target"/> as Linux's <c>sockaddr_in</c> / <c>sockaddr_in6</c> (family in host order,
    /// port in network order); the size written, or 0 for another family.</summary>
    internal static int WriteSockaddr(IPEndPoint target, Span<byte> address)
    {
        address.Clear();
        var port = (ushort)target.Port;
        address[2] = (byte)(port >> 8);
        address[3] = (byte)port;
        switch (target.AddressFamily)
        {
            case AddressFamily.InterNetwork:
                BitConverter.TryWriteBytes(address, (ushort)2); // AF_INET
                return target.Address.TryWriteBytes(address[4..8], out _) ? SockaddrInSize : 0;
            case AddressFamily.InterNetworkV6:
                BitConverter.TryWriteBytes(address, (ushort)10); // AF_INET6
                if (!target.Address.TryWriteBytes(address[8..24], out _)) return 0;
                BitConverter.TryWriteBytes(address[24..], (uint)target.Address.ScopeId);
                return SockaddrIn6Size;
            default:
                return 0;
        }
    }

    /// <summary>One datagram to <paramref name="address"/>'s <c>sockaddr</c> bytes with <c>sendto</c>, or — no address — to
    /// the socket's connected peer with <c>send</c>; the socket's handle referenced for the call.</summary>
    private static bool TrySend(SafeHandle socket, ReadOnlySpan<byte> datagram, ReadOnlySpan<byte> address)
    {
        var referenced = false;
        try
        {
            socket.DangerousAddRef(ref referenced);
            var fd = (int)socket.DangerousGetHandle();
            ref var bytes = ref MemoryMarshal.GetReference(datagram);
            var sent = address.IsEmpty
                ? Send(fd, ref bytes, (nuint)datagram.Length, DontWait | NoSignal)
                : SendTo(fd, ref bytes, (nuint)datagram.Length, DontWait | NoSignal, ref MemoryMarshal.GetReference(address), (uint)address.Length);
            return sent == datagram.Length;
        }
        catch (ObjectDisposedException)
        {
            return false;
        }
        finally
        {
            if (referenced) socket.DangerousRelease();
        }
    }

    /// <summary>Linux, 64-bit, a libc that answers, and <see cref="SocketAddress"/> bytes in the kernel's layout
    /// (family first, host order): checked once on a real socket sending to itself.</summary>
    private static bool Probe()
    {
        if (!OperatingSystem.IsLinux() || IntPtr.Size != 8) return false;
        try
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            var self = socket.LocalEndPoint!.Serialize();
            ReadOnlySpan<byte> probe = [0x49, 0x76, 0x72];
            if (!TrySend(socket.SafeHandle, probe, self) || !TrySend(socket.SafeHandle, probe, (IPEndPoint)socket.LocalEndPoint!)) return false;
            socket.ReceiveTimeout = 1000;
            var received = new byte[8];
            for (var i = 0; i < 2; i++) // once through each address form
                if (socket.Receive(received) != probe.Length || !received.AsSpan(0, probe.Length).SequenceEqual(probe)) return false;
            return true;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or SocketException)
        {
            return false;
        }
    }
}
