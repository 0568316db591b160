using System.Runtime.InteropServices;

namespace Ivr.Media.Playout;

/// <summary>How a pacing thread waits for its next absolute deadline (a <see cref="TimeProvider"/> timestamp).</summary>
internal interface IDeadlineWaiter
{
    /// <summary>Returns at or soon after <paramref name="deadline"/>; at once when it has passed.</summary>
    void WaitUntil(long deadline);
}

/// <summary>
/// Linux: one <c>clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME)</c> per deadline — a high-resolution
/// timer, no spinning, no drift when a signal interrupts the sleep (it resumes towards the same
/// absolute instant). The deadline is converted from the scheduler's clock to CLOCK_MONOTONIC once
/// per wait, so any <see cref="TimeProvider"/> (not only one that happens to read CLOCK_MONOTONIC) works.
/// </summary>
internal sealed class MonotonicDeadlineSleeper(TimeProvider time) : IDeadlineWaiter
{
    private const int ClockMonotonic = 1;
    private const int TimerAbsolute = 1;
    private const int Interrupted = 4; // EINTR
    private const long NanosecondsPerSecond = 1_000_000_000;

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out TimeSpec now);

    [DllImport("libc", EntryPoint = "clock_nanosleep")]
    private static extern int ClockNanosleep(int clock, int flags, in TimeSpec request, IntPtr remain);

    /// <summary>Whether this machine has the calls (Linux, 64-bit <c>timespec</c>) and they answer.</summary>
    public static bool IsSupported
    {
        get
        {
            if (!OperatingSystem.IsLinux() || IntPtr.Size != 8) return false;
            try
            {
                return ClockGetTime(ClockMonotonic, out _) == 0;
            }
            catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
            {
                return false;
            }
        }
    }

    public void WaitUntil(long deadline)
    {
        var remaining = deadline - time.GetTimestamp();
        if (remaining <= 0) return;
        var nanoseconds = (long)((double)remaining * NanosecondsPerSecond / time.TimestampFrequency);
        if (ClockGetTime(ClockMonotonic, out var now) != 0) throw new InvalidOperationException("clock_gettime(CLOCK_MONOTONIC) failed");
        var target = now.Seconds * NanosecondsPerSecond + now.Nanoseconds + nanoseconds;
        var request = new TimeSpec { Seconds = target / NanosecondsPerSecond, Nanoseconds = target % NanosecondsPerSecond };
        int error;
        while ((error = ClockNanosleep(ClockMonotonic, TimerAbsolute, request, IntPtr.Zero)) == Interrupted) { }
        if (error != 0) throw new InvalidOperationException($"clock_nanosleep failed with error {error}");
    }
}

/// <summary>
/// Elsewhere (no <c>clock_nanosleep</c>): <see cref="Thread.Sleep(TimeSpan)"/> to about 1 ms before the
/// deadline, then yielding until it. Punctual, but the yielding costs CPU on every tick.
/// </summary>
internal sealed class SleepThenYieldWaiter(TimeProvider time) : IDeadlineWaiter
{
    public void WaitUntil(long deadline)
    {
        var frequency = time.TimestampFrequency;
        var oneMs = frequency / 1000;
        while (true)
        {
            var remaining = deadline - time.GetTimestamp();
            if (remaining <= 0) return;
            if (remaining > 2 * oneMs) Thread.Sleep(TimeSpan.FromSeconds((double)(remaining - oneMs) / frequency));
            else Thread.Yield();
        }
    }
}
