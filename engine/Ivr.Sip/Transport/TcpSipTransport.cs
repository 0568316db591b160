using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Ivr.Sip.Message;

namespace Ivr.Sip.Transport;

/// <summary>
/// SIP over TCP (RFC 3261 §18): accepts connections, frames each stream by Content-Length, and sends on the
/// connection to the remote address, opening one when none exists (§18.2.2: responses go back on the
/// connection the request came on). Connections beyond <see cref="MaxConnections"/> are refused.
/// </summary>
public sealed class TcpSipTransport : ISipTransport
{
    public const int MaxConnections = 1024;

    private readonly Socket _listener;
    private readonly ISipLog _log;
    private readonly MalformedInputLimiter _limiter;
    private readonly int _maxMessageSize;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<IPEndPoint, TcpSipConnection> _connections = new();
    private readonly ConcurrentDictionary<Task, bool> _readers = new();
    private Action<ReadOnlyMemory<byte>, SipEndPoint> _onMessage = (_, _) => { };
    private Task _acceptLoop = Task.CompletedTask;

    private TcpSipTransport(Socket listener, int maxMessageSize, ISipLog log, TimeProvider time)
    {
        _listener = listener;
        _limiter = new MalformedInputLimiter(time);
        _maxMessageSize = maxMessageSize;
        _log = log;
        LocalEndPoint = (IPEndPoint)listener.LocalEndPoint!;
    }

    public SipTransportKind Kind => SipTransportKind.Tcp;

    public IPEndPoint LocalEndPoint { get; }

    public int ConnectionCount => _connections.Count;

    /// <summary>Binds and listens (port 0 picks a free port); accepting starts with <see cref="Start"/>.</summary>
    public static TcpSipTransport Bind(
        IPEndPoint local, ISipLog? log = null, int maxMessageSize = SipParseOptions.DefaultMaxMessageSize, TimeProvider? time = null)
    {
        var listener = new Socket(local.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            listener.Bind(local);
            listener.Listen(128);
        }
        catch
        {
            listener.Dispose();
            throw;
        }

        return new TcpSipTransport(listener, maxMessageSize, log ?? NullSipLog.Instance, time ?? TimeProvider.System);
    }

    public void Start(Action<ReadOnlyMemory<byte>, SipEndPoint> onMessage)
    {
        _onMessage = onMessage;
        _acceptLoop = Task.Run(() => AcceptLoopAsync(_stop.Token));
    }

    public void Send(IPEndPoint remote, ReadOnlyMemory<byte> data) => _ = SendAsync(remote, data, _stop.Token);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Dispose();
        foreach (var connection in _connections.Values)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
        }

        await _acceptLoop.ConfigureAwait(false);
        await Task.WhenAll(_readers.Keys).ConfigureAwait(false);

        // _stop is left undisposed on purpose: late sends from transaction timers still read its (cancelled) token.
    }

    private async Task SendAsync(IPEndPoint remote, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        if (!_connections.TryGetValue(remote, out var connection))
        {
            var socket = new Socket(remote.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                await socket.ConnectAsync(remote, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is SocketException or OperationCanceledException or ObjectDisposedException)
            {
                socket.Dispose();
                _log.Warning($"TCP connect to {remote} failed: {ex.Message}");
                return;
            }

            connection = Track(socket);
        }

        await connection.SendAsync(data, cancellationToken).ConfigureAwait(false);
    }

    private async Task AcceptLoopAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException ex)
            {
                _log.Info($"TCP accept error ignored: {ex.SocketErrorCode}");
                continue;
            }

            if (_connections.Count >= MaxConnections)
            {
                if (socket.RemoteEndPoint is IPEndPoint refused && _limiter.ShouldLog(refused.Address))
                {
                    _log.Warning($"refusing TCP connection from {refused}: {MaxConnections} open");
                }

                socket.Dispose();
                continue;
            }

            Track(socket);
        }
    }

    private TcpSipConnection Track(Socket socket)
    {
        var connection = new TcpSipConnection(socket, _maxMessageSize, _log, _limiter);
        _connections[connection.Remote] = connection;
        var reader = Task.Run(async () =>
        {
            await connection.ReadLoopAsync(_onMessage, _stop.Token).ConfigureAwait(false);
            _connections.TryRemove(new KeyValuePair<IPEndPoint, TcpSipConnection>(connection.Remote, connection));
            await connection.DisposeAsync().ConfigureAwait(false);
        });
        _readers[reader] = true;
        _ = reader.ContinueWith(t => _readers.TryRemove(t, out _), TaskScheduler.Default);
        return connection;
    }
}
