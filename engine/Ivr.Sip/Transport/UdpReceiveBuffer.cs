using System.Net.Sockets;

namespace Ivr.Sip.Transport;

/// <summary>
/// Sizes a UDP socket's kernel receive buffer: SO_RCVBUFFORCE where the process may (Linux, CAP_NET_ADMIN: beyond
/// net.core.rmem_max), else SO_RCVBUF, which the kernel caps at net.core.rmem_max. The socket reports what was granted.
/// </summary>
internal static class UdpReceiveBuffer
{
    private const int SolSocket = 1;
    private const int SoRcvBufForce = 33;

    public static void Enlarge(Socket socket, int bytes)
    {
        if (OperatingSystem.IsLinux())
        {
            try
            {
                socket.SetRawSocketOption(SolSocket, SoRcvBufForce, BitConverter.GetBytes(bytes));
                return;
            }
            catch (SocketException)
            {
                // Not permitted: the ordinary option below, capped by the kernel.
            }
        }

        socket.ReceiveBufferSize = bytes;
    }
}
