using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Ivr.Sip.Transport;

/// <summary>
/// SIP over TCP (RFC 3261 §18): accepts connections, frames each stream by Content-Length, and sends on the
/// connection to the remote address, opening one when none exists (§18.2.2: responses go back on the
/// connection the request came on). Bounded by <see cref="TcpConnectionLimits"/>: an accepted connection must
/// send a complete message within <see cref="TcpConnectionLimits.FirstMessageTimeout"/>, any connection idle for
/// <see cref="TcpConnectionLimits.IdleTimeout"/> (<see cref="TcpConnectionLimits.CallIdleTimeout"/> while it carries a
/// call, see <see cref="DialogPeers"/>) is closed, and one address holds at most
/// <see cref="TcpConnectionLimits.MaxConnectionsPerAddress"/> of the <see cref="TcpConnectionLimits.MaxConnections"/>
/// (see <see cref="TcpConnectionAdmission"/>), so idle connections from one source never lock out another.
/// With <see cref="SipTlsOptions"/> it is the TLS transport (RFC 3261 §26.2, "SIP/2.0/TLS"): the same limits, and each
/// connection's TLS handshake first, bounded by <see cref="SipTlsOptions.HandshakeTimeout"/>.
/// </summary>
public sealed class TcpSipTransport : ISipTransport
{
    /// <summary>The default of <see cref="TcpConnectionLimits.MaxConnections"/>.</summary>
    public const int MaxConnections = 1024;

    private readonly Socket _listener;
    private readonly ISipLog _log;
    private readonly MalformedInputLimiter _limiter;
    private readonly int _maxMessageSize;
    private readonly TimeProvider _time;
    private readonly TcpConnectionLimits _limits;
    private readonly DialogPeers _peers;
    private readonly SipTlsOptions? _tls;
    private readonly ITimer _sweeper;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<IPEndPoint, TcpSipConnection> _connections = new();
    private readonly ConcurrentDictionary<Task, bool> _readers = new();
    private Action<ReadOnlyMemory<byte>, SipEndPoint> _onMessage = (_, _) => { };
    private Task _acceptLoop = Task.CompletedTask;
    private long _timedOut;

    private TcpSipTransport(Socket listener, int maxMessageSize, ISipLog log, TimeProvider time, TcpConnectionLimits limits, DialogPeers peers, SipTlsOptions? tls)
    {
        _peers = peers;
        _tls = tls;
        _listener = listener;
        _time = time;
        _limits = limits;
        _sweeper = time.CreateTimer(_ => Sweep(), null, limits.SweepInterval, limits.SweepInterval);
        _limiter = new MalformedInputLimiter(time);
        _maxMessageSize = maxMessageSize;
        _log = log;
        LocalEndPoint = (IPEndPoint)listener.LocalEndPoint!;
    }

    public SipTransportKind Kind => _tls is null ? SipTransportKind.Tcp : SipTransportKind.Tls;

    private string Name => _tls is null ? "TCP" : "TLS";

    public IPEndPoint LocalEndPoint { get; }

    public int ConnectionCount => _connections.Count;

    /// <summary>Connections refused at accept (over a cap), since start.</summary>
    public long Refused { get; private set; }

    /// <summary>Connections closed to make room for another address, since start.</summary>
    public long Evicted { get; private set; }

    /// <summary>Connections closed by a deadline (no first message, idle), since start.</summary>
    public long TimedOut => Interlocked.Read(ref _timedOut);


    /// <summary>Binds and listens (port 0 picks a free port); accepting starts with <see cref="Start"/>. With <paramref name="tls"/>: SIP over TLS.</summary>
    public static TcpSipTransport Bind(
        IPEndPoint local, ISipLog? log = null, int maxMessageSize = SipParseOptions.DefaultMaxMessageSize, TimeProvider? time = null,
        TcpConnectionLimits? limits = null, DialogPeers? peers = null, SipTlsOptions? tls = null)
    {
        var listener = new Socket(local.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            listener.Bind(local);
            listener.Listen(512);
        }
        catch
        {
            listener.Dispose();
            throw;
        }

        return new TcpSipTransport(listener, maxMessageSize, log ?? NullSipLog.Instance, time ?? TimeProvider.System, limits ?? TcpConnectionLimits.Default, peers ?? new DialogPeers(), tls);
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
        await _sweeper.DisposeAsync().ConfigureAwait(false);
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
                _log.Warning($"{Name} connect to {remote} failed: {ex.Message}");
                return;
            }

            connection = Track(socket, inbound: false);
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
                _log.Info($"{Name} accept error ignored: {ex.SocketErrorCode}");
                continue;
            }

            if (socket.RemoteEndPoint is not IPEndPoint remote)
            {
                socket.Dispose();
                continue;
            }

            var (admit, evict, refusal) = TcpConnectionAdmission.Decide(remote.Address, _connections.Values, _limits);
            if (!admit)
            {
                Refused++;
                if (_limiter.ShouldLog(remote.Address))
                {
                    _log.Warning($"refusing {Name} connection from {remote} (further reports muted for a minute): {refusal}");
                }

                socket.Dispose();
                continue;
            }

            if (evict is not null)
            {
                Evicted++;
                evict.Close();
            }

            Track(socket, inbound: true);
        }
    }

    /// <summary>Closes the connections whose first-message or idle deadline has passed.</summary>
    private void Sweep()
    {
        var now = _time.GetUtcNow();
        foreach (var connection in _connections.Values)
        {
            if (connection.Closing) continue;
            string? reason = null;
            if (connection.Inbound && !connection.HasReceivedMessage && now - connection.OpenedAt >= _limits.FirstMessageTimeout)
                reason = $"no complete SIP message within {_limits.FirstMessageTimeout.TotalSeconds:0} s";
            else if (now - connection.LastActivity >= IdleTimeoutOf(connection))
                reason = $"idle for {IdleTimeoutOf(connection).TotalMinutes:0} min";
            if (reason is null) continue;

            Interlocked.Increment(ref _timedOut);
            if (_limiter.ShouldLog(connection.Remote.Address))
                _log.Info($"closing {Name} connection from {connection.Remote} (further reports muted for a minute): {reason}");
            connection.Close();
        }
    }

    private TimeSpan IdleTimeoutOf(TcpSipConnection connection) =>
        _peers.Contains(connection.Remote) ? _limits.CallIdleTimeout : _limits.IdleTimeout;

    private TcpSipConnection Track(Socket socket, bool inbound)
    {
        var connection = new TcpSipConnection(socket, inbound, _maxMessageSize, _log, _limiter, _time, _tls);
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
