using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace Ivr.Media.Rtp.Receiving;

/// <summary>
/// One receive thread on an <see cref="IoUring"/> (Linux 6.1 and later where the process may have one): each socket
/// has a multishot <c>recvmsg</c> in the kernel, landing its datagrams in the thread's <see cref="ProvidedBuffers"/>, and
/// the thread works on a 1 ms cadence — it sleeps to the next tick, then one <c>io_uring_enter</c> receives what the
/// sockets got since the last tick and the thread hands each datagram to its <see cref="RtpReceiver"/>. The kernel does
/// the receiving in that one call (<c>DEFER_TASKRUN</c>), not at each arrival, so a thousand talking callers cost a
/// thousand wakes a second instead of one per burst of packets, and no system call per socket (the call asks for a
/// ring's worth of completions with a zero timeout, so the kernel runs all the deferred receives, not only its default
/// 20: see <see cref="IoUring.Enter"/>). <c>tools/bench/rtp-recv-uring.c</c> measured 36 % less CPU a datagram than <c>epoll</c> + <c>recvmmsg</c> at 1,000
/// sockets on a thread (issue 13, session 28). A tick that finds nothing puts the thread to sleep until a datagram or a
/// command comes, so an idle server does not tick, and the first packet after a silence is handled at once.
/// <para>
/// Only this thread may submit (<c>SINGLE_ISSUER</c>), so a call's arrival and end are commands queued to it (an
/// <c>eventfd</c> wakes it when it sleeps). A socket's request holds the socket in the kernel until it ends, so the
/// receiver holds its socket (<see cref="RtpReceiver.Hold"/>) until the request's last completion after a cancel, and
/// only then lets it go (<see cref="RtpReceiver.Release"/>: the socket closes then if its endpoint was disposed). A
/// request the kernel ends by itself (its buffers ran out in a burst, an ICMP error on a connected socket) is
/// submitted again; one that fails otherwise fails its receiver. No allocation per datagram; the thread lives as long
/// as the process.
/// </para>
/// </summary>
internal sealed unsafe partial class UringReceiveThread : IRtpReceiveThread
{
    /// <summary>The cadence: a datagram waits at most this long (plus the thread's scheduling) to be handled.</summary>
    public const long TickNanoseconds = 1_000_000;

    private const uint Submissions = 256;
    private const uint Completions = 8192; // 1,000 talking callers fill ~50 a tick; the kernel keeps what overflows
    private const int Buffers = 1024; // ~20 ticks of 1,000 talking callers; when they run out the data waits in the sockets
    private const int BufferSize = 2048;
    private const int OutHeader = 16; // struct io_uring_recvmsg_out, then the name, then the payload
    private const int NameSpace = 28; // sizeof(struct sockaddr_in6)
    private const int PayloadOffset = OutHeader + NameSpace;
    private const uint MessageTruncated = 0x20; // MSG_TRUNC
    private const ulong WakeRequest = ulong.MaxValue, CancelRequest = ulong.MaxValue - 1;
    private const uint PrefetchWindow = 64; // completions whose objects are fetched together (~a tick's at 1,000 talking callers)
    private const int EventFdNonBlocking = 0x800, EventFdCloseOnExec = 0x80000;

    private readonly IoUring _ring;
    private readonly ProvidedBuffers _buffers;
    private readonly byte* _messageHeader; // struct msghdr: only its name length is read (the layout of each buffer)
    private readonly int _wake;
    private readonly TokenTable<RtpReceiver> _receivers = new();
    private readonly ConcurrentQueue<(RtpReceiver Receiver, bool Arm)> _commands = new();
    private readonly SourceAddresses _sources = new();
    private readonly Action<string> _log;
    private readonly TimeProvider _time = TimeProvider.System;
    private readonly long _tick = TimeProvider.System.TimestampFrequency * TickNanoseconds / 1_000_000_000;
    private readonly Playout.MonotonicDeadlineSleeper _sleeper; // the pacing threads' sleep to an absolute deadline
    private readonly RtpReceiver?[] _window = new RtpReceiver?[PrefetchWindow];
    private bool _wakeArmed;
    private int _sleeping;

    /// <summary>Throws <see cref="IoUringUnavailableException"/> when this machine will not give the process the ring.</summary>
    public UringReceiveThread(string name, Action<string> log)
    {
        _log = log;
        _ring = new IoUring(Submissions, Completions);
        try
        {
            _buffers = new ProvidedBuffers(Buffers, BufferSize);
            _ring.RegisterBufferRing(_buffers.Ring, Buffers, ProvidedBuffers.Group);
            _wake = eventfd(0, EventFdNonBlocking | EventFdCloseOnExec);
            if (_wake < 0) throw new IoUringUnavailableException($"eventfd failed: errno {Marshal.GetLastPInvokeError()}");
        }
        catch
        {
            _ring.Dispose();
            _buffers?.Dispose();
            throw;
        }

        _messageHeader = (byte*)NativeMemory.AllocZeroed(56); // LP64 struct msghdr
        *(uint*)(_messageHeader + 8) = NameSpace;
        _sleeper = new Playout.MonotonicDeadlineSleeper(_time);
        Removal = Remove;
        new Thread(Run) { IsBackground = true, Name = name }.Start();
    }

    public int Count => _receivers.Count;

    public Action<RtpReceiver> Removal { get; }

    /// <summary>Holds the receiver's socket and has the thread submit its receive; a socket closed already stops the receiver.</summary>
    public void Add(RtpReceiver receiver)
    {
        _receivers.Add(receiver);
        if (receiver.Hold())
        {
            Post(receiver, arm: true);
            return;
        }

        _receivers.Remove(receiver);
        receiver.Stop();
    }

    /// <summary>Has the thread cancel the receiver's request; its socket is let go at the request's last completion.</summary>
    private void Remove(RtpReceiver receiver) => Post(receiver, arm: false);

    private void Post(RtpReceiver receiver, bool arm)
    {
        _commands.Enqueue((receiver, arm)); // a full fence: the thread either sees the command or is seen sleeping
        if (Volatile.Read(ref _sleeping) == 1) Wake();
    }

    private void Wake()
    {
        ulong one = 1;
        _ = write(_wake, &one, 8);
    }

    private void Run()
    {
        try
        {
            _ring.Enable(); // this thread is the ring's one submitter from here on
            var next = _time.GetTimestamp();
            while (true)
            {
                SubmitCommands();
                _ring.Enter(wait: false); // interrupted, or busy with an overflow: what is ready is read all the same
                if (Reap() == 0 && !_ring.HasUnsubmitted)
                {
                    Interlocked.Exchange(ref _sleeping, 1);
                    if (_commands.IsEmpty) _ring.Enter(wait: true); // until a datagram, a command or a signal
                    Volatile.Write(ref _sleeping, 0);
                    Reap();
                    next = _time.GetTimestamp();
                }

                next += _tick;
                _sleeper.WaitUntil(next); // at once when the tick has passed; nothing calls its Wake
            }
        }
        catch (Exception e)
        {
            _log($"RTP receive thread {Thread.CurrentThread.Name}: {e.Message}; stopped");
        }
    }

    private void SubmitCommands()
    {
        if (!_wakeArmed) _wakeArmed = _ring.PollInput(_wake, WakeRequest);
        while (_commands.TryPeek(out var command))
        {
            if (!(command.Arm ? Arm(command.Receiver) : Disarm(command.Receiver))) return; // the submission ring is full: next tick
            _commands.TryDequeue(out _);
        }
    }

    private bool Arm(RtpReceiver receiver)
    {
        if (receiver.IsStopped)
        {
            Finish(receiver);
            return true;
        }

        if (receiver.Armed) return true;
        if (!_ring.ReceiveMessages(receiver.Fd, _messageHeader, ProvidedBuffers.Group, (ulong)receiver.Token)) return false;
        receiver.Armed = true;
        return true;
    }

    private bool Disarm(RtpReceiver receiver)
    {
        if (!receiver.Armed)
        {
            Finish(receiver);
            return true;
        }

        return _ring.Cancel((ulong)receiver.Token, CancelRequest); // its last completion finishes it
    }

    /// <summary>Off the thread, the socket let go (once: a receiver stopped before its arm gets here twice).</summary>
    private void Finish(RtpReceiver receiver)
    {
        if (_receivers.Remove(receiver)) receiver.Release();
    }

    /// <summary>Handles every completion ready: datagrams to their receivers, buffers lent again, ended requests
    /// finished or submitted again. The count.</summary>
    private uint Reap()
    {
        var ready = _ring.Ready;
        if (ready == 0) return 0;
        for (uint first = 0; first < ready; first += PrefetchWindow)
        {
            var count = Math.Min(ready - first, PrefetchWindow);
            Prefetch(first, count);
            for (var i = first; i < first + count; i++) Complete(_ring.Peek(i));
        }

        _ring.Consume(ready);
        _buffers.Publish();
        return ready;
    }

    /// <summary>
    /// Has the CPU fetch, for <paramref name="count"/> completions from <paramref name="first"/>, what handling them will
    /// read: each receiver, then its endpoint and handler, then their latch and target — one hop a pass, so the fetches
    /// of a pass overlap instead of each packet waiting for its own in turn. A thread serving hundreds of calls finds none
    /// of a call's objects in its cache 20 ms after the last packet; prefetched a window at a time, ~7 % less CPU a
    /// received packet at 1,000 talking callers (issue 13, session 29). Lookups only: a receiver found here may be gone
    /// by its turn (the turn looks again).
    /// </summary>
    private void Prefetch(uint first, uint count)
    {
        var window = _window.AsSpan(0, (int)count);
        for (var i = 0; i < window.Length; i++)
        {
            var completion = _ring.Peek(first + (uint)i);
            window[i] = completion.UserData < CancelRequest ? _receivers.Find((long)completion.UserData) : null;
            CacheLines.Prefetch(window[i]);
        }

        foreach (var receiver in window) receiver?.PrefetchFirstHop();
        foreach (var receiver in window) receiver?.PrefetchSecondHop();
        window.Clear();
    }

    /// <summary>One completion: the wake's, a cancel's, or a socket's (a datagram, and perhaps the request's end).</summary>
    private void Complete(in IoUring.Completion completion)
    {
        var ended = (completion.Flags & IoUring.CompletionHasMore) == 0;
        if (completion.UserData == WakeRequest)
        {
            ulong count;
            _ = read(_wake, &count, 8);
            if (ended) _wakeArmed = false;
            return;
        }

        if (completion.UserData == CancelRequest) return;
        var receiver = _receivers.Find((long)completion.UserData);
        if ((completion.Flags & IoUring.CompletionHasBuffer) != 0)
        {
            var id = (ushort)(completion.Flags >> IoUring.BufferShift);
            if (receiver is not null && completion.Result > 0) Deliver(receiver, _buffers.Buffer(id, completion.Result));
            _buffers.Recycle(id);
        }

        if (ended && receiver is not null) Ended(receiver, completion.Result);
    }

    private void Deliver(RtpReceiver receiver, Span<byte> data)
    {
        if (data.Length < PayloadOffset) return;
        var nameLength = MemoryMarshal.Read<uint>(data);
        var payloadLength = MemoryMarshal.Read<uint>(data[8..]);
        var flags = MemoryMarshal.Read<uint>(data[12..]);
        if ((flags & MessageTruncated) != 0 || nameLength > NameSpace || payloadLength > DatagramBatch.MaxDatagram) return; // as epoll's path: cut, dropped
        if (PayloadOffset + payloadLength > data.Length) return;
        if (_sources.From(data.Slice(OutHeader, (int)nameLength)) is not { } source) return;
        receiver.Handle(data.Slice(PayloadOffset, (int)payloadLength), source);
    }

    /// <summary>A socket's request has ended: finished if its receiver stopped, else submitted again (buffers ran out, an
    /// ICMP error was reported, the kernel ended it), or its receiver failed for an error no retry cures.</summary>
    private void Ended(RtpReceiver receiver, int result)
    {
        receiver.Armed = false;
        if (receiver.IsStopped)
        {
            Finish(receiver);
            return;
        }

        if (result < 0 && !Recoverable(-result))
        {
            receiver.Fail(new IOException($"io_uring recvmsg on {receiver} failed: errno {-result}"));
            return;
        }

        _commands.Enqueue((receiver, true));
    }

    /// <summary>Errors a socket's request ends with that the next datagrams do not share: no buffer was free, ICMP errors
    /// on a connected socket (reported once each).</summary>
    private static bool Recoverable(int errno) => errno is 105 /* ENOBUFS */ or 111 /* ECONNREFUSED */ or 104 /* ECONNRESET */
        or 113 /* EHOSTUNREACH */ or 101 /* ENETUNREACH */ or 112 /* EHOSTDOWN */ or 100 /* ENETDOWN */ or 4 /* EINTR */;

    [LibraryImport("libc", SetLastError = true)]
    private static partial int eventfd(uint initial, int flags);

    [LibraryImport("libc")]
    private static partial nint read(int fd, void* buffer, nint count);

    [LibraryImport("libc")]
    private static partial nint write(int fd, void* buffer, nint count);
}
