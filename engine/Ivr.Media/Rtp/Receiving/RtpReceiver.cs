using System.Net;
using System.Net.Sockets;

namespace Ivr.Media.Rtp.Receiving;

/// <summary>
/// One endpoint's place on a shared receive thread: its socket, its packet handler, and the task
/// <see cref="RtpEndpoint.ReceiveAsync"/> returns. On an <c>epoll</c> thread <see cref="Drain"/> takes what the socket
/// holds and hands each datagram to the endpoint synchronously; on an <c>io_uring</c> thread the kernel takes the
/// datagrams and the thread hands each to <see cref="Handle"/>. <see cref="Stop"/> (any thread) ends it: no packet starts
/// being handled afterwards. An exception from the handler ends it too and faults <see cref="Completion"/> (a bug to
/// see, not to hide); the thread goes on with the other calls.
/// <para>
/// The socket's descriptor must stay this socket's while a thread uses it, and its port must not be let go while the
/// kernel still receives for it. On a receive thread (<see cref="Register"/>, <see cref="Hold"/>) the receiver holds one
/// reference to the socket's handle for as long as it is registered, and each user (a drain; an io_uring thread's armed
/// request) counts itself in <see cref="_users"/>, a field of this object, which a drain reads anyway; the last user
/// after <see cref="Stop"/> gives the reference back. An endpoint disposed meanwhile leaves the socket's close to that
/// last user (<see cref="CloseSocketWhenReleased"/>): its Dispose returns at once, never waits for a drain or for the
/// kernel (a <c>Socket.Dispose</c> would spin until every reference is given back). A reference taken and given back per
/// drain cost a cache miss and two atomic operations on the handle (each call's handle is cold in a thread serving
/// hundreds): ~2.4 % of the server with talking callers (issue 13, session 28). A receiver on no thread (tests,
/// benchmarks) still takes one per drain.
/// </para>
/// </summary>
internal sealed class RtpReceiver : ITokenHolder
{
    private const int MaxBatchesPerWake = 4; // then the next socket's turn; the rest is read in the thread's next round

    private readonly RtpEndpoint _endpoint;
    private readonly RtpPacketHandler _onPacket;
    private readonly Socket _socket;
    private readonly SafeSocketHandle _handle;
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Action<RtpReceiver>? _onStop;
    private CancellationTokenRegistration _cancellation;
    private volatile bool _stopped;
    private Exception? _fault; // the handler's exception that stopped it
    private int _users; // drains, an io_uring thread's request, a registration or removal: users of the held descriptor
    private int _registration; // Held: the registration's reference to the handle is held; HeldToClose: close when given back

    private const int Held = 1, HeldToClose = 2;

    public RtpReceiver(RtpEndpoint endpoint, Socket socket, RtpPacketHandler onPacket)
    {
        _endpoint = endpoint;
        _onPacket = onPacket;
        _socket = socket;
        _handle = socket.SafeHandle;
        Fd = (int)_handle.DangerousGetHandle();
    }

    public int Fd { get; }

    /// <summary>Set by the receive thread's <see cref="TokenTable{T}"/> when it takes it: the token its events carry.</summary>
    public long Token { get; set; }

    /// <summary>Completes (faulted when the handler threw) once the receiver stopped and no receive thread holds its
    /// socket any more: a disposed endpoint's port is free by then.</summary>
    public Task Completion => _completion.Task;

    public bool IsStopped => _stopped;

    /// <summary>Stops when <paramref name="cancellationToken"/> is cancelled; <paramref name="onStop"/> (once, before the
    /// task completes, the socket still open) takes it off its thread.</summary>
    public void Start(Action<RtpReceiver> onStop, CancellationToken cancellationToken)
    {
        _onStop = onStop;
        _cancellation = cancellationToken.UnsafeRegister(static s => ((RtpReceiver)s!).Stop(), this);
    }

    /// <summary>Set by an <c>epoll</c> receive thread while this receiver waits for its next round with datagrams left.</summary>
    public bool Unfinished { get; set; }

    /// <summary>Set by an <c>io_uring</c> receive thread while its multishot receive for this socket is in the kernel.</summary>
    public bool Armed { get; set; }

    /// <summary>Handles what the socket has queued, up to a few batches (then the other sockets' turn). On the receive
    /// thread. False when it stopped at that limit with datagrams perhaps left: the socket is watched edge-triggered, so
    /// no new event may come for them and the thread must call again.</summary>
    public bool Drain(DatagramBatch batch)
    {
        if (_stopped) return true;
        var registered = Volatile.Read(ref _registration) != 0;
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

    /// <summary>Asks the CPU to fetch what a packet for this receiver reads after the receiver itself: its endpoint and
    /// its handler (call once this receiver was fetched: <see cref="CacheLines.Prefetch"/>).</summary>
    public void PrefetchFirstHop()
    {
        CacheLines.Prefetch(_endpoint);
        CacheLines.Prefetch(_onPacket);
    }

    /// <summary>... then what those read first: the endpoint's latch and the handler's target (the call leg).</summary>
    public void PrefetchSecondHop()
    {
        CacheLines.Prefetch(_endpoint.Latch);
        CacheLines.Prefetch(_onPacket.Target);
    }

    /// <summary>One datagram an <c>io_uring</c> thread received for this socket, handled unless stopped.</summary>
    public void Handle(Span<byte> datagram, SocketAddress source)
    {
        if (_stopped) return;
        try
        {
            _endpoint.Deliver(datagram, source, _onPacket);
        }
        catch (Exception e)
        {
            Fail(e);
        }
    }

    /// <summary>On an <c>io_uring</c> thread's behalf: holds the socket open while registered, and counts the thread as
    /// its user until <see cref="Release"/>. False when the socket is closed or the receiver stopped first (then nothing
    /// is held).</summary>
    public bool Hold()
    {
        if (!TryReferenceSocket()) return false;
        Volatile.Write(ref _registration, Held);
        return EnterRegistered(); // false: stopped meanwhile, given back already
    }

    /// <summary>The <c>io_uring</c> thread is done with the socket (its request ended after <see cref="Stop"/>): the
    /// reference is given back, and the socket closed if its endpoint was disposed.</summary>
    public void Release() => ExitRegistered();

    /// <summary>On an <c>epoll</c> thread's behalf: holds the socket open while registered and watches it
    /// (<paramref name="epoll"/>, edge-triggered, with <paramref name="token"/>). False when the socket is closed or the
    /// receiver stopped first (then nothing is held or watched).</summary>
    public bool Register(int epoll, long token)
    {
        if (!Hold()) return false;
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
            if (Volatile.Read(ref _registration) != 0) LinuxUdp.Remove(epoll, Fd);
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

    /// <summary>The last user after a stop gives the registration's reference back (once), and closes the socket when
    /// its endpoint asked for that meanwhile.</summary>
    private void ExitRegistered()
    {
        if (Interlocked.Decrement(ref _users) != 0 || !_stopped) return;
        var held = Interlocked.Exchange(ref _registration, 0);
        if (held == 0) return;
        _handle.DangerousRelease();
        if (held == HeldToClose) _socket.Dispose();
        Complete();
    }

    /// <summary>For the endpoint's Dispose, before it stops this receiver: true when a thread holds the socket, which
    /// then closes it as it lets go (at once if nothing is using it); false when none does (the caller closes it).</summary>
    public bool CloseSocketWhenReleased() => Interlocked.CompareExchange(ref _registration, HeldToClose, Held) != 0;

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

    /// <summary>Ends receiving (idempotent): off the thread; the task completes once no thread holds the socket.</summary>
    public void Stop() => Finish(null);

    /// <summary>Ends receiving with <paramref name="e"/> as the task's fault (idempotent, as <see cref="Stop"/>).</summary>
    public void Fail(Exception e) => Finish(e);

    private void Finish(Exception? fault)
    {
        lock (_completion)
        {
            if (_stopped) return;
            _fault = fault;
            _stopped = true;
        }

        _cancellation.Dispose();
        _onStop?.Invoke(this);
        if (Volatile.Read(ref _registration) == 0) Complete(); // no thread holds the socket (never did, or let it go)
    }

    /// <summary>The task's end, after the stop and after the last thread let the socket go (whichever is later; both may
    /// call it).</summary>
    private void Complete()
    {
        if (_fault is { } fault) _completion.TrySetException(fault);
        else _completion.TrySetResult();
    }

    public override string ToString() => $"RTP receiver of {_endpoint.LocalEndPoint}";
}
