using System.Net;
using System.Net.Sockets;

namespace Ivr.Media.Rtp.Receiving;

/// <summary>
/// One endpoint's place on a shared receive thread: its socket, its packet handler, and the task
/// <see cref="RtpEndpoint.ReceiveAsync"/> returns. <see cref="Drain"/> (on the receive thread) takes what the socket
/// holds and hands each datagram to the endpoint synchronously; <see cref="Stop"/> (any thread) ends it: no packet
/// starts being handled afterwards. An exception from the handler ends it too and faults <see cref="Completion"/>
/// (a bug to see, not to hide); the thread goes on with the other calls.
/// <para>
/// The socket's descriptor must stay this socket's while it is read. On a receive thread (<see cref="Register"/>) the
/// receiver holds one reference to the socket's handle for as long as it is registered, and each drain counts itself
/// in <see cref="_users"/>, a field of this object, which a drain reads anyway; the last user after <see cref="Stop"/>
/// gives the reference back, so a socket disposed during a drain closes when that drain ends, never under it. A
/// reference taken and given back per drain cost a cache miss and two atomic operations on the handle (each call's
/// handle is cold in a thread serving hundreds): ~2.4 % of the server with talking callers (issue 13, session 28). A
/// receiver on no thread (tests, benchmarks) still takes one per drain.
/// </para>
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
    private int _users; // drains and a registration or removal using the descriptor under the registration's reference
    private int _registration; // 1 while the registration's reference to the socket's handle is held

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
        var registered = Volatile.Read(ref _registration) == 1;
        if (registered ? !EnterRegistered() : !TryReferenceSocket()) // the fd stays this socket's while we read it
        {
            if (!registered) Stop(); // closed
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
            if (registered) ExitRegistered();
            else ReleaseSocket();
        }
    }

    /// <summary>On a receive thread's behalf: holds the socket open while registered and watches it
    /// (<paramref name="epoll"/>, edge-triggered, with <paramref name="token"/>). False when the socket is closed or the
    /// receiver stopped first (then nothing is held or watched).</summary>
    public bool Register(int epoll, long token)
    {
        if (!TryReferenceSocket()) return false;
        Volatile.Write(ref _registration, 1);
        if (!EnterRegistered()) return false; // stopped meanwhile: given back already
        try
        {
            LinuxUdp.Add(epoll, Fd, token);
            return true;
        }
        finally
        {
            ExitRegistered();
        }
    }

    /// <summary>After <see cref="Stop"/>: off <paramref name="epoll"/>'s set if still registered, and the socket's reference
    /// given back now, or by the drain still reading it when that drain ends.</summary>
    public void Unregister(int epoll)
    {
        Interlocked.Increment(ref _users); // the descriptor stays open while this removal uses it
        try
        {
            if (Volatile.Read(ref _registration) == 1) LinuxUdp.Remove(epoll, Fd);
        }
        finally
        {
            ExitRegistered();
        }
    }

    /// <summary>Counts a user of the registered descriptor; false (and not counted) once stopped. The count comes first:
    /// a stop either sees it and leaves the reference to this user's <see cref="ExitRegistered"/>, or is seen here.</summary>
    private bool EnterRegistered()
    {
        Interlocked.Increment(ref _users);
        if (!_stopped) return true;
        ExitRegistered();
        return false;
    }

    /// <summary>The last user after a stop gives the registration's reference back (once).</summary>
    private void ExitRegistered()
    {
        if (Interlocked.Decrement(ref _users) != 0 || !_stopped) return;
        if (Interlocked.Exchange(ref _registration, 0) == 1) _handle.DangerousRelease();
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
