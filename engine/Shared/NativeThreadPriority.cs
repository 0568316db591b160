using System.Runtime.InteropServices;

namespace Ivr.Native;

/// <summary>
/// Linux: the scheduling class and nice value of one thread — libc's <c>sched_setscheduler</c>, <c>sched_getscheduler</c>,
/// <c>setpriority</c> and <c>gettid</c>. Raising needs root or CAP_SYS_NICE (or an RLIMIT_RTPRIO / RLIMIT_NICE); refused,
/// nothing changes and the call says so. Elsewhere every call is a refusal (false, or -1 / 0 for what cannot be read).
/// One binding for every thread that asks: compiled into Ivr.Media (the pacing threads, SCHED_FIFO), Ivr.Sip (the UDP
/// receive thread, nice) and Ivr.Core (the call event threads, both), as <c>NativeSendTo.cs</c> is.
/// </summary>
internal static class NativeThreadPriority
{
    private const int SchedOther = 0;
    private const int SchedFifo = 1;
    private const int PrioProcess = 0;

    [StructLayout(LayoutKind.Sequential)]
    private struct SchedParam
    {
        public int Priority;
    }

    /// <summary>Whether the calling thread now runs as SCHED_FIFO at <paramref name="priority"/> (1–99).</summary>
    public static bool TrySetRealTime(int priority) =>
        Try(() => SchedSetScheduler(0, SchedFifo, new SchedParam { Priority = priority }) == 0, false); // pid 0: this thread

    /// <summary>Whether the calling thread now runs at nice <paramref name="nice"/> (e.g. -10).</summary>
    public static bool TrySetNice(int nice) => Try(() => SetPriority(PrioProcess, (uint)GetTid(), nice) == 0, false);

    /// <summary>Whether thread <paramref name="threadId"/> is now back in the ordinary class (its nice value kept).</summary>
    public static bool TrySetOrdinary(int threadId) =>
        threadId != 0 && Try(() => SchedSetScheduler(threadId, SchedOther, new SchedParam { Priority = 0 }) == 0, false);

    /// <summary>The calling thread's kernel id; 0 where there is none to give.</summary>
    public static int CurrentThreadId() => Try(GetTid, 0);

    /// <summary>The calling thread's policy: 1 for SCHED_FIFO, 0 for ordinary, -1 where it cannot be read.</summary>
    public static int CurrentPolicy() => Try(() => SchedGetScheduler(0), -1);

    private static T Try<T>(Func<T> call, T refused)
    {
        if (!OperatingSystem.IsLinux()) return refused;
        try
        {
            return call();
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return refused;
        }
    }

    [DllImport("libc", EntryPoint = "sched_setscheduler")]
    private static extern int SchedSetScheduler(int pid, int policy, in SchedParam param);

    [DllImport("libc", EntryPoint = "sched_getscheduler")]
    private static extern int SchedGetScheduler(int pid);

    [DllImport("libc", EntryPoint = "setpriority")]
    private static extern int SetPriority(int which, uint who, int priority);

    [DllImport("libc", EntryPoint = "gettid")]
    private static extern int GetTid();
}
