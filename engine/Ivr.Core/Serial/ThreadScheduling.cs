using System.Runtime.InteropServices;

namespace Ivr.Core.Serial;

/// <summary>
/// The Linux scheduling class of one thread, by the same P/Invoke the pacing threads use (<c>sched_setscheduler</c>,
/// <c>setpriority</c>): an event thread asks for SCHED_FIFO below the pacer (which runs at 10), else nice −10, else keeps
/// ordinary priority. Both need root or CAP_SYS_NICE; refused, nothing changes. Elsewhere than Linux: always Normal.
/// </summary>
public static class ThreadScheduling
{
    /// <summary>SCHED_FIFO priority of the event threads: above ordinary work, below the pacing threads (10).</summary>
    public const int EventRealTimeLevel = 5;

    /// <summary>The nice value asked for when SCHED_FIFO is refused.</summary>
    public const int RaisedNice = -10;

    private const int SchedOther = 0;
    private const int SchedFifo = 1;
    private const int PrioProcess = 0;

    [StructLayout(LayoutKind.Sequential)]
    private struct SchedParam
    {
        public int Priority;
    }

    /// <summary>The calling thread's kernel id (0 where there is none to give).</summary>
    public static int CurrentThreadId()
    {
        if (!OperatingSystem.IsLinux()) return 0;
        try
        {
            return GetTid();
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return 0;
        }
    }

    /// <summary>Raises the calling thread as far as it is granted: SCHED_FIFO at <see cref="EventRealTimeLevel"/>, else
    /// nice <see cref="RaisedNice"/>, else nothing.</summary>
    public static EventPriority RaiseCurrentEventThread()
    {
        if (!OperatingSystem.IsLinux()) return EventPriority.Normal;
        try
        {
            if (SchedSetScheduler(0, SchedFifo, new SchedParam { Priority = EventRealTimeLevel }) == 0) return EventPriority.RealTime;
            return SetPriority(PrioProcess, (uint)GetTid(), RaisedNice) == 0 ? EventPriority.Raised : EventPriority.Normal;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return EventPriority.Normal;
        }
    }

    /// <summary>Puts thread <paramref name="threadId"/> back in the ordinary class (its nice value kept): a real-time thread
    /// whose handler runs too long must not hold a core from ordinary work. True when done.</summary>
    public static bool LowerToOrdinary(int threadId)
    {
        if (!OperatingSystem.IsLinux() || threadId == 0) return false;
        try
        {
            return SchedSetScheduler(threadId, SchedOther, new SchedParam { Priority = 0 }) == 0;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    /// <summary>The calling thread's policy: 1 for SCHED_FIFO, 0 for ordinary, -1 where it cannot be read.</summary>
    public static int CurrentPolicy()
    {
        if (!OperatingSystem.IsLinux()) return -1;
        try
        {
            return SchedGetScheduler(0);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return -1;
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
