using System.Runtime.InteropServices;

namespace Ivr.Media.Playout;

/// <summary>How a pacing thread waits for its next absolute deadline (a <see cref="TimeProvider"/> timestamp), and how
/// another thread cuts that wait short when a prompt should start now rather than at the next step.</summary>
internal interface IDeadlineWaiter
{
    /// <summary>Returns true at or soon after <paramref name="deadline"/> (at once when it has passed); returns false
    /// before it when <see cref="Wake"/> was called since the last return.</summary>
    bool WaitUntil(long deadline);

    /// <summary>Ends the pacing thread's current wait, or its next one at once (any thread; cheap, never blocks or throws).</summary>
    void Wake();
}

/// <summary>
/// Linux: one <c>ppoll</c> per deadline on an <c>eventfd</c> that <see cref="Wake"/> writes, with the time left to the
/// deadline as its timeout (the kernel measures it on CLOCK_MONOTONIC) — the same high-resolution timer as
/// <c>clock_nanosleep(TIMER_ABSTIME)</c> (no slack for a SCHED_FIFO thread, 1/1000 of the timeout or the thread's timer
/// slack for an ordinary one), no spinning. The time left is taken from the scheduler's clock on every pass, so a wait
/// a signal interrupted still ends at the same instant, and any <see cref="TimeProvider"/> (not only one that happens to
/// read CLOCK_MONOTONIC) works. Only the pacing thread waits and disposes; a <see cref="Wake"/> after the dispose writes
/// nothing (the descriptor may be reused).
/// </summary>
internal sealed class MonotonicDeadlineSleeper : IDeadlineWaiter, IDisposable
{
    private const int Interrupted = 4; // EINTR
    private const int NonBlocking = 0x800; // EFD_NONBLOCK
    private const int CloseOnExec = 0x80000; // EFD_CLOEXEC
    private const short PollIn = 1;
    private const long NanosecondsPerSecond = 1_000_000_000;

    private readonly TimeProvider _time;
    private readonly object _gate = new();
    private int _wake;

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct PollFd
    {
        public int Fd;
        public short Events;
        public short ReturnedEvents;
    }

    [DllImport("libc", EntryPoint = "eventfd", SetLastError = true)]
    private static extern int EventFd(uint initial, int flags);

    [DllImport("libc", EntryPoint = "ppoll", SetLastError = true)]
    private static extern int PPoll(ref PollFd descriptors, nuint count, in TimeSpec timeout, IntPtr signalMask);

    [DllImport("libc", EntryPoint = "read", SetLastError = true)]
    private static extern nint Read(int fd, out ulong value, nint count);

    [DllImport("libc", EntryPoint = "write", SetLastError = true)]
    private static extern nint Write(int fd, in ulong value, nint count);

    [DllImport("libc", EntryPoint = "close")]
    private static extern int Close(int fd);

    public MonotonicDeadlineSleeper(TimeProvider time)
    {
        _time = time;
        _wake = EventFd(0, NonBlocking | CloseOnExec);
        if (_wake < 0) throw new InvalidOperationException($"eventfd failed with error {Marshal.GetLastPInvokeError()}");
    }

    /// <summary>Whether this machine has the calls (Linux, 64-bit <c>timespec</c>) and they answer (an eventfd opens).</summary>
    public static bool IsSupported
    {
        get
        {
            if (!OperatingSystem.IsLinux() || IntPtr.Size != 8) return false;
            try
            {
                var fd = EventFd(0, NonBlocking | CloseOnExec);
                if (fd < 0) return false;
                Close(fd);
                return true;
            }
            catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
            {
                return false;
            }
        }
    }

    public bool WaitUntil(long deadline)
    {
        var poll = new PollFd { Fd = _wake, Events = PollIn };
        while (true)
        {
            var remaining = deadline - _time.GetTimestamp();
            if (remaining <= 0) return true;
            var nanoseconds = (long)((double)remaining * NanosecondsPerSecond / _time.TimestampFrequency);
            var timeout = new TimeSpec { Seconds = nanoseconds / NanosecondsPerSecond, Nanoseconds = nanoseconds % NanosecondsPerSecond };
            poll.ReturnedEvents = 0;
            var ready = PPoll(ref poll, 1, timeout, IntPtr.Zero);
            if (ready == 0) return true;
            if (ready > 0)
            {
                Read(_wake, out _, sizeof(ulong)); // resets the counter: every wake so far is answered by this return
                return false;
            }

            var error = Marshal.GetLastPInvokeError();
            if (error != Interrupted) throw new InvalidOperationException($"ppoll failed with error {error}");
        }
    }

    public void Wake()
    {
        lock (_gate)
        {
            // A failed write (the counter full: a wake is pending anyway) loses nothing: at worst the prompt starts at
            // the next step, where the pacing thread starts every waiting prompt too.
            if (_wake >= 0) Write(_wake, 1UL, sizeof(ulong));
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_wake < 0) return;
            Close(_wake);
            _wake = -1;
        }
    }
}

/// <summary>
/// Elsewhere (no <c>ppoll</c>/<c>eventfd</c>): <see cref="Thread.Sleep(TimeSpan)"/> to about 1 ms before the
/// deadline, then yielding until it. Punctual, but the yielding costs CPU on every tick; a <see cref="Wake"/> is seen
/// within the sleep's last millisecond.
/// </summary>
internal sealed class SleepThenYieldWaiter(TimeProvider time) : IDeadlineWaiter
{
    private int _woken;

    public bool WaitUntil(long deadline)
    {
        var frequency = time.TimestampFrequency;
        var oneMs = frequency / 1000;
        while (true)
        {
            var remaining = deadline - time.GetTimestamp();
            if (remaining <= 0) return true;
            if (Interlocked.Exchange(ref _woken, 0) == 1) return false;
            if (remaining > 2 * oneMs) Thread.Sleep(TimeSpan.FromSeconds((double)Math.Min(remaining - oneMs, oneMs) / frequency));
            else Thread.Yield();
        }
    }

    public void Wake() => Volatile.Write(ref _woken, 1);
}
