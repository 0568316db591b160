using System.Runtime.InteropServices;

namespace Ivr.Media.Playout;

/// <summary>
/// Puts the calling thread in the Linux real-time class <c>SCHED_FIFO</c>, as media servers do for their
/// pacing threads (Asterisk <c>-p</c>, FreeSWITCH <c>-rp</c>): such a thread wakes at its deadline even
/// when every core is busy with ordinary work. It needs root or CAP_SYS_NICE (or an RLIMIT_RTPRIO);
/// without it nothing changes. A pacing thread sleeps at every tick, and the kernel's real-time
/// throttling (sched_rt_runtime_us) bounds it anyway.
/// </summary>
internal static class RealTimePriority
{
    private const int SchedFifo = 1;

    [StructLayout(LayoutKind.Sequential)]
    private struct SchedParam
    {
        public int Priority;
    }

    [DllImport("libc", EntryPoint = "sched_setscheduler")]
    private static extern int SchedSetScheduler(int pid, int policy, in SchedParam param);

    /// <summary>Returns whether the calling thread now runs as SCHED_FIFO at <paramref name="priority"/> (1–99).</summary>
    public static bool TryRaiseCurrentThread(int priority)
    {
        if (!OperatingSystem.IsLinux()) return false;
        try
        {
            return SchedSetScheduler(0, SchedFifo, new SchedParam { Priority = priority }) == 0; // pid 0: this thread
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }
}
