using System.Runtime.InteropServices;

namespace Ivr.Media.Playout;

/// <summary>
/// Linux lets the kernel fire an ordinary thread's timers up to its "timer slack" late (50 µs by default) to batch
/// wake-ups; a pacing thread wants its deadline, so it asks for the smallest slack (1 ns) with
/// <c>prctl(PR_SET_TIMERSLACK)</c>. A SCHED_FIFO thread has no slack anyway; this matters where real-time priority
/// was not granted. Needs no privilege; elsewhere nothing changes.
/// </summary>
internal static class TimerSlack
{
    private const int PrSetTimerSlack = 29;
    private const int PrGetTimerSlack = 30;

    [DllImport("libc", EntryPoint = "prctl")]
    private static extern int Prctl(int option, nuint argument2, nuint argument3, nuint argument4, nuint argument5);

    /// <summary>Returns whether the calling thread's timer slack is now 1 ns.</summary>
    public static bool TryMinimiseForCurrentThread()
    {
        if (!OperatingSystem.IsLinux()) return false;
        try
        {
            return Prctl(PrSetTimerSlack, 1, 0, 0, 0) == 0;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    /// <summary>The calling thread's timer slack in nanoseconds; -1 where it cannot be read.</summary>
    public static long CurrentThreadNanoseconds()
    {
        if (!OperatingSystem.IsLinux()) return -1;
        try
        {
            return Prctl(PrGetTimerSlack, 0, 0, 0, 0);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return -1;
        }
    }
}
