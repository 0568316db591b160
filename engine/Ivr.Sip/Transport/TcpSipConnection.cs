using System.Net;
using System.Net.Sockets;

namespace Ivr.Sip.Transport;

/// <summary>One TCP connection: a read loop that frames messages, and serialized writes.</summary>
internal sealed class TcpSipConnection : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly SipStreamFramer _framer;
    private readonly ISipLog _log;
    private readonly MalformedInputLimiter _limiter;

    public TcpSipConnection(Socket socket, int maxMessageSize, ISipLog log, MalformedInputLimiter limiter)
    {
        _limiter = limiter;
        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: true);
        _framer = new SipStreamFramer(maxMessageSize);
        _log = log;
        Remote = (IPEndPoint)socket.RemoteEndPoint!;
    }

    public IPEndPoint Remote { get; }

    public async Task ReadLoopAsync(Action<ReadOnlyMemory<byte>, SipEndPoint> onMessage, CancellationToken cancellationToken)
    {
        var source = new SipEndPoint(SipTransportKind.Tcp, Remote);
        var buffer = new byte[8192];
        try
        {
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
                    onMessage(message, source);
                }

                if (_framer.Error is not null)
                {
                    if (_limiter.ShouldLog(Remote.Address))
                    {
                        _log.Warning($"closing TCP connection from {Remote} (further reports muted for a minute): {_framer.Error}");
                    }

                    return;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
        }
    }

    public async Task SendAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        try
        {
            await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        try
        {
            await _stream.WriteAsync(data, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            _log.Warning($"TCP send to {Remote} failed: {ex.Message}");
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
