using System.Net;
using System.Net.Sockets;

namespace Ivr.Sip.Transport;

/// <summary>One datagram per <see cref="Socket.ReceiveFrom(Span{byte}, SocketFlags, SocketAddress)"/>: where recvmmsg is missing.</summary>
internal sealed class ReceiveFromReader(Socket socket) : IUdpDatagramReader
{
    private readonly byte[] _buffer = new byte[65536];
    private readonly SocketAddress _source = new(((IPEndPoint)socket.LocalEndPoint!).AddressFamily);
    private int _received;

    public int Receive()
    {
        try
        {
            _received = socket.ReceiveFrom(_buffer, SocketFlags.None, _source);
            return 1;
        }
        catch (SocketException ex) when (ex.SocketErrorCode is SocketError.TimedOut or SocketError.WouldBlock or SocketError.Interrupted)
        {
            return 0;
        }
    }

    public ReadOnlySpan<byte> Datagram(int index) => _buffer.AsSpan(0, _received);

    public ReadOnlySpan<byte> Source(int index) => _source.Buffer.Span[.._source.Size];

    public void Dispose()
    {
    }
}
