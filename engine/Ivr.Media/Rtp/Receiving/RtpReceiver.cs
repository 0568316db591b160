using System.Net;
using System.Net.Sockets;

namespace Ivr.Media.Rtp.Receiving;

/// <summary>
/// One endpoint's place on a shared receive thread: its socket, its packet handler, and the task
/// <see cref="RtpEndpoint.ReceiveAsync"/> returns. <see cref="Drain"/> (on the receive thread) takes what the socket
/// holds and hands each datagram to the endpoint synchronously; <see cref="Stop"/> (any thread) ends it: no packet
/// starts being handled afterwards. An exception from the handler ends it too and faults <see cref="Completion"/>
/// (a bug to see, not to hide); the thread goes on with the other calls.
/// </summary>
internal sealed class RtpReceiver : ITokenHolder
{
    private const int MaxBatchesPerWake = 4; // then the next socket's turn; the rest is read in the thread's next round

    private readonly RtpEndpoint _endpoint;
    private readonly RtpPacketHandler _onPacket;
    private readonly SafeSocketHandle _handle;
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Action<RtpReceiver>? _onStop;
    private CancellationTokenRegistration _cancellation;
    private volatile bool _stopped;

    public RtpReceiver(RtpEndpoint endpoint, Socket socket, RtpPacketHandler onPacket)
    {
        _endpoint = endpoint;
        _onPacket = onPacket;
        _handle = socket.SafeHandle;
        Fd = (int)_handle.DangerousGetHandle();
    }

    public int Fd { get; }

    /// <summary>Set by the receive thread's <see cref="TokenTable{T}"/> when it takes it: the token its events carry.</summary>
    public long Token { get; set; }

    public Task Completion => _completion.Task;

    public bool IsStopped => _stopped;

    /// <summary>Stops when <paramref name="cancellationToken"/> is cancelled; <paramref name="onStop"/> (once, before the
    /// task completes, the socket still open) takes it off its thread.</summary>
    public void Start(Action<RtpReceiver> onStop, CancellationToken cancellationToken)
    {
        _onStop = onStop;
        _cancellation = cancellationToken.UnsafeRegister(static s => ((RtpReceiver)s!).Stop(), this);
    }

    /// <summary>Set by the receive thread while this receiver waits for its next round with datagrams left.</summary>
    public bool Unfinished { get; set; }

    /// <summary>Handles what the socket has queued, up to a few batches (then the other sockets' turn). On the receive
    /// thread. False when it stopped at that limit with datagrams perhaps left: the socket is watched edge-triggered, so
    /// no new event may come for them and the thread must call again.</summary>
    public bool Drain(DatagramBatch batch)
    {
        if (_stopped) return true;
        if (!TryReferenceSocket()) // the fd stays this socket's while we read it, even if disposed meanwhile
        {
            Stop();
            return true;
        }

        try
        {
            var errorSeen = false;
            for (var round = 0; round < MaxBatchesPerWake; round++)
            {
                var count = batch.Receive(Fd);
                if (count < 0)
                {
                    // An error is reported once (ICMP on a connected socket): read what is queued behind it. A second one
                    // in a turn ends it as drained — never a socket retried without sleeping on an error that stays.
                    if (errorSeen) return true;
                    errorSeen = true;
                    continue;
                }

                for (var i = 0; i < count && !_stopped; i++)
                {
                    if (batch.Truncated(i) || batch.SourceOf(i) is not { } source) continue;
                    _endpoint.Deliver(batch.Datagram(i), source, _onPacket);
                }

                if (_stopped || count < batch.Capacity) return true;
            }

            return false;
        }
        catch (Exception e)
        {
            Fail(e);
            return true;
        }
        finally
        {
            ReleaseSocket();
        }
    }

    /// <summary>Keeps the socket's fd from closing until <see cref="ReleaseSocket"/>; false when it is closed already.</summary>
    public bool TryReferenceSocket()
    {
        var referenced = false;
        try
        {
            _handle.DangerousAddRef(ref referenced);
        }
        catch (ObjectDisposedException)
        {
        }

        return referenced;
    }

    public void ReleaseSocket() => _handle.DangerousRelease();

    /// <summary>Ends receiving (idempotent): off the thread, then the task completes.</summary>
    public void Stop()
    {
        if (!Finish()) return;
        _completion.TrySetResult();
    }

    private void Fail(Exception e)
    {
        if (!Finish()) return;
        _completion.TrySetException(e);
    }

    private bool Finish()
    {
        lock (_completion)
        {
            if (_stopped) return false;
            _stopped = true;
        }

        _cancellation.Dispose();
        _onStop?.Invoke(this);
        return true;
    }

    public override string ToString() => $"RTP receiver of {_endpoint.LocalEndPoint}";
}
