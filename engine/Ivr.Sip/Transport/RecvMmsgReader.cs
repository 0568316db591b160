using System.Net.Sockets;
using System.Runtime.InteropServices;
using Ivr.Native;

namespace Ivr.Sip.Transport;

/// <summary>
/// Linux recvmmsg(2) for the SIP socket: up to <see cref="BatchSize"/> datagrams per system call into the fixed native
/// buffers of a <see cref="RecvMmsgBatch"/> (64 KiB each, touched only as far as datagrams reach), so a flood costs one
/// system call per batch and no managed allocation. Blocks until one datagram is there.
/// </summary>
internal sealed class RecvMmsgReader(Socket socket) : IUdpDatagramReader
{
    public const int BatchSize = 32;
    private const int EIntr = 4;
    private const int EBadF = 9;
    private readonly RecvMmsgBatch _batch = new(BatchSize, 65536);

    public static bool IsSupported => RecvMmsgBatch.IsSupported;

    public int Receive()
    {
        var added = false;
        try
        {
            socket.SafeHandle.DangerousAddRef(ref added);
            var received = _batch.Receive((int)socket.SafeHandle.DangerousGetHandle(), RecvMmsgBatch.WaitForOne);
            if (received >= 0) return received;
            var errno = Marshal.GetLastPInvokeError();
            if (errno is RecvMmsgBatch.EAgain or EIntr) return 0;
            throw new SocketException(errno == EBadF ? (int)SocketError.NotSocket : (int)SocketError.SocketError);
        }
        finally
        {
            if (added) socket.SafeHandle.DangerousRelease();
        }
    }

    public ReadOnlySpan<byte> Datagram(int index) => _batch.Datagram(index);

    public ReadOnlySpan<byte> Source(int index) => _batch.Source(index);

    public void Dispose() => _batch.Dispose();
}
