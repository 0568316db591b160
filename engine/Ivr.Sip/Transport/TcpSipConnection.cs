using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;

namespace Ivr.Sip.Transport;

/// <summary>
/// One TCP connection, or TLS over it (RFC 3261 §26.2: the handshake first, within
/// <see cref="SipTlsOptions.HandshakeTimeout"/>; writes wait for it): a read loop that frames messages, serialized
/// writes, and what its deadlines need — when it opened, whether a complete message has arrived, when the last
/// complete message went either way.
/// </summary>
internal sealed class TcpSipConnection : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly NetworkStream _network;
    private readonly SipTlsOptions? _tls;
    private readonly TaskCompletionSource<bool> _secured = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Stream _stream;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly SipStreamFramer _framer;
    private readonly ISipLog _log;
    private readonly MalformedInputLimiter _limiter;
    private readonly TimeProvider _time;
    private long _lastActivityTicks;
    private volatile bool _received;
    private volatile bool _closing;

    public TcpSipConnection(Socket socket, bool inbound, int maxMessageSize, ISipLog log, MalformedInputLimiter limiter, TimeProvider time, SipTlsOptions? tls = null)
    {
        _limiter = limiter;
        _socket = socket;
        socket.NoDelay = true; // 100, 180 and 200 leave one after another: Nagle would hold each behind the peer's delayed ACK (~40 ms)
        _network = new NetworkStream(socket, ownsSocket: true);
        _stream = _network;
        _tls = tls;
        if (tls is null) _secured.SetResult(true);
        _framer = new SipStreamFramer(maxMessageSize);
        _log = log;
        _time = time;
        Inbound = inbound;
        Remote = (IPEndPoint)socket.RemoteEndPoint!;
        OpenedAt = time.GetUtcNow();
        _lastActivityTicks = OpenedAt.UtcTicks;
    }

    public IPEndPoint Remote { get; }

    public SipTransportKind Kind => _tls is null ? SipTransportKind.Tcp : SipTransportKind.Tls;

    /// <summary>Accepted from a peer (as opposed to opened by us to send).</summary>
    public bool Inbound { get; }

    public DateTimeOffset OpenedAt { get; }

    /// <summary>When the last complete message was received or sent (opening counts as the first).</summary>
    public DateTimeOffset LastActivity => new(Interlocked.Read(ref _lastActivityTicks), TimeSpan.Zero);

    /// <summary>At least one complete SIP message has arrived.</summary>
    public bool HasReceivedMessage => _received;

    /// <summary><see cref="Close"/> was called: the connection no longer counts towards the limits.</summary>
    public bool Closing => _closing;

    /// <summary>Closes the socket; the read loop then ends and the transport forgets the connection.</summary>
    public void Close()
    {
        _closing = true;
        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
        }

        _socket.Dispose();
    }

    private void Touch() => Interlocked.Exchange(ref _lastActivityTicks, _time.GetUtcNow().UtcTicks);

    public async Task ReadLoopAsync(Action<ReadOnlyMemory<byte>, SipEndPoint> onMessage, CancellationToken cancellationToken)
    {
        var source = new SipEndPoint(Kind, Remote);
        var buffer = new byte[8192];
        try
        {
            if (!await SecureAsync(cancellationToken).ConfigureAwait(false)) return;
            while (!cancellationToken.IsCancellationRequested)
            {
                var read = await _stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    return;
                }

                _framer.Append(buffer.AsSpan(0, read));
                while (_framer.TryReadMessage() is { } message)
                {
                    _received = true;
                    Touch();
                    onMessage(message, source);
                }

                if (_framer.Error is not null)
                {
                    if (_limiter.ShouldLog(Remote.Address))
                    {
                        _log.Warning($"closing {Kind.ToString().ToUpperInvariant()} connection from {Remote} (further reports muted for a minute): {_framer.Error}");
                    }

                    return;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
        }
        finally
        {
            _secured.TrySetResult(false);
        }
    }

    /// <summary>The TLS handshake (server side when accepted, client side when we opened it), bounded in time; true for plain TCP.</summary>
    private async Task<bool> SecureAsync(CancellationToken cancellationToken)
    {
        if (_tls is null) return true;
        using var deadline = new CancellationTokenSource(_tls.HandshakeTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        var ssl = new SslStream(_network, leaveInnerStreamOpen: false);
        try
        {
            if (Inbound) await ssl.AuthenticateAsServerAsync(_tls.ServerOptions(), linked.Token).ConfigureAwait(false);
            else await ssl.AuthenticateAsClientAsync(_tls.ClientOptions(Remote.Address.ToString()), linked.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is AuthenticationException or IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            if (!cancellationToken.IsCancellationRequested && _limiter.ShouldLog(Remote.Address))
            {
                var why = deadline.IsCancellationRequested ? $"no TLS handshake within {_tls.HandshakeTimeout.TotalSeconds:0} s" : $"TLS handshake failed: {ex.Message}";
                _log.Warning($"closing TLS connection {(Inbound ? "from" : "to")} {Remote} (further reports muted for a minute): {why}");
            }

            HandshakeFailed = true;
            await ssl.DisposeAsync().ConfigureAwait(false);
            return false;
        }

        _stream = ssl;
        _secured.TrySetResult(true);
        return true;
    }

    /// <summary>The TLS handshake failed or timed out.</summary>
    public bool HandshakeFailed { get; private set; }

    public async Task SendAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        try
        {
            if (!await _secured.Task.WaitAsync(cancellationToken).ConfigureAwait(false)) return;
            await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        try
        {
            await _stream.WriteAsync(data, cancellationToken).ConfigureAwait(false);
            Touch();
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            _log.Warning($"{Kind.ToString().ToUpperInvariant()} send to {Remote} failed: {ex.Message}");
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
        }

        await _stream.DisposeAsync().ConfigureAwait(false);
    }
}
