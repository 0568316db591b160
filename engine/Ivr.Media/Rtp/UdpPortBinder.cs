using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using Ivr.Native;

namespace Ivr.Media.Rtp;

/// <summary>
/// A UDP socket bound to one given port, or null when that port cannot be had — without an exception for a port
/// another process holds. On Linux the socket is made and bound with libc's <c>socket</c> and <c>bind</c> (the errno
/// tells a taken port), then handed to a managed <see cref="Socket"/>; a port pool that meets taken ports (an RTP
/// range shared with another service) so pays a system call per taken port, not a thrown and caught
/// <see cref="SocketException"/> (issue 13: binding with exceptions was 11 % of call set-up at 300 new calls/s).
/// Elsewhere the managed bind, its exception caught.
/// </summary>
internal static partial class UdpPortBinder
{
    private const int SockDgram = 2;
    private const int SockCloExec = 0x80000;
    private const int IpProtoUdp = 17;

    /// <summary>A socket bound to <paramref name="local"/>, or null when the port is taken or cannot be bound.</summary>
    public static Socket? TryBind(IPEndPoint local)
    {
        if (NativeSendTo.IsSupported && TryBindNative(local, out var socket)) return socket;
        return TryBindManaged(local); // another platform, or an address family not bound natively
    }

    /// <summary>True with the socket, or true with null (refused: port taken, address not ours); false when this
    /// address family is not handled natively.</summary>
    private static bool TryBindNative(IPEndPoint local, out Socket? socket)
    {
        socket = null;
        Span<byte> address = stackalloc byte[NativeSendTo.MaxSockaddrSize];
        var size = NativeSendTo.WriteSockaddr(local, address);
        if (size == 0) return false;
        var family = local.AddressFamily == AddressFamily.InterNetwork ? 2 : 10;
        var fd = CreateSocket(family, SockDgram | SockCloExec, IpProtoUdp);
        if (fd < 0) return true;
        if (Bind(fd, ref MemoryMarshal.GetReference(address), (uint)size) != 0)
        {
            _ = Close(fd);
            return true;
        }

        socket = new Socket(new SafeSocketHandle(fd, ownsHandle: true));
        return true;
    }

    /// <summary>Connects the UDP <paramref name="socket"/> to <paramref name="remote"/> with libc's <c>connect</c> (Linux,
    /// where <see cref="NativeSendTo"/> answers: the address's bytes are the kernel's <c>sockaddr</c>); false elsewhere,
    /// when refused or when the socket is closed.</summary>
    public static bool TryConnect(Socket socket, SocketAddress remote) =>
        NativeSendTo.IsSupported && ConnectReferenced(socket, remote.Buffer.Span[..remote.Size]);

    /// <summary>Undoes <see cref="TryConnect"/>: <c>connect</c> to an <c>AF_UNSPEC</c> address, after which the socket
    /// sends anywhere and hears everyone again; false elsewhere or when the socket is closed.</summary>
    public static bool TryDisconnect(Socket socket)
    {
        Span<byte> unspecified = stackalloc byte[NativeSendTo.MaxSockaddrSize]; // sa_family 0 = AF_UNSPEC
        unspecified.Clear();
        return NativeSendTo.IsSupported && ConnectReferenced(socket, unspecified);
    }

    private static bool ConnectReferenced(Socket socket, ReadOnlySpan<byte> address)
    {
        SafeHandle? handle = null;
        var referenced = false;
        try
        {
            handle = socket.SafeHandle;
            handle.DangerousAddRef(ref referenced); // the descriptor cannot be closed and reused meanwhile
            return Connect((int)handle.DangerousGetHandle(), ref MemoryMarshal.GetReference(address), (uint)address.Length) == 0;
        }
        catch (ObjectDisposedException)
        {
            return false;
        }
        finally
        {
            if (referenced) handle!.DangerousRelease();
        }
    }

    private static Socket? TryBindManaged(IPEndPoint local)
    {
        var socket = new Socket(local.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            socket.Bind(local);
            return socket;
        }
        catch (SocketException)
        {
            socket.Dispose(); // closed now, not left to the finalizer thread
            return null;
        }
    }

    [LibraryImport("libc", EntryPoint = "socket", SetLastError = true)]
    private static partial int CreateSocket(int domain, int type, int protocol);

    [LibraryImport("libc", EntryPoint = "bind", SetLastError = true)]
    private static partial int Bind(int socket, ref byte address, uint addressLength);

    [LibraryImport("libc", EntryPoint = "connect", SetLastError = true)]
    private static partial int Connect(int socket, ref byte address, uint addressLength);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fd);
}
