using System.Net;
using System.Net.Sockets;

namespace Ivr.Sip.Transport;

/// <summary>
/// SIP over UDP (RFC 3261 §18.1.1, §18.2.1): one socket, one receive loop, one datagram = one message. The loop
/// reuses one receive buffer: the receiver decides, before any copy, whether a datagram is worth keeping.
/// </summary>
public sealed class UdpSipTransport : ISipTransport
{
    private const int MaxDatagram = 65536;
    private readonly Socket _socket;
    private readonly ISipLog _log;
    private readonly CancellationTokenSource _stop = new();
    private Task _loop = Task.CompletedTask;

    private UdpSipTransport(Socket socket, ISipLog log)
    {
        _socket = socket;
        _log = log;
        LocalEndPoint = (IPEndPoint)socket.LocalEndPoint!;
    }

    public SipTransportKind Kind => SipTransportKind.Udp;

    public IPEndPoint LocalEndPoint { get; }

    /// <summary>Binds the socket (port 0 picks a free port); receiving starts with <see cref="Start"/>.</summary>
    public static UdpSipTransport Bind(IPEndPoint local, ISipLog? log = null)
    {
        var socket = new Socket(local.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            // Room for bursts while the work queue is busy; the kernel may cap it lower.
            socket.ReceiveBufferSize = 4 << 20;
            socket.Bind(local);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        return new UdpSipTransport(socket, log ?? NullSipLog.Instance);
    }

    /// <summary>Starts the receive loop on its own thread: a blocking receive per datagram is the cheapest under a flood.</summary>
    public void Start(Action<ReadOnlyMemory<byte>, SipEndPoint> onMessage) =>
        _loop = Task.Factory.StartNew(() => ReceiveLoop(onMessage, _stop.Token), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    public void Send(IPEndPoint remote, ReadOnlyMemory<byte> data)
    {
        try
        {
            _socket.SendTo(data.Span, SocketFlags.None, remote);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            _log.Warning($"UDP send to {remote} failed: {ex.Message}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _socket.Dispose();
        await _loop.ConfigureAwait(false);
        _stop.Dispose();
    }

    private void ReceiveLoop(Action<ReadOnlyMemory<byte>, SipEndPoint> onMessage, CancellationToken cancellationToken)
    {
        var buffer = new byte[MaxDatagram];
        var address = new SocketAddress(LocalEndPoint.AddressFamily);
        var sources = new UdpSourceCache();
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                var received = _socket.ReceiveFrom(buffer, SocketFlags.None, address);
                onMessage(buffer.AsMemory(0, received), sources.Get(address, LocalEndPoint.AddressFamily));
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            catch (SocketException ex) when (cancellationToken.IsCancellationRequested || ex.SocketErrorCode is SocketError.OperationAborted or SocketError.Interrupted or SocketError.NotSocket)
            {
                return;
            }
            catch (SocketException ex)
            {
                // ICMP port unreachable and similar: the socket stays usable.
                _log.Info($"UDP receive error ignored: {ex.SocketErrorCode}");
            }
            catch (Exception ex)
            {
                _log.Warning($"UDP message handling failed: {ex.GetType().Name}: {ex.Message}");
            }
        }
    }
}
