using Ivr.Native;

namespace Ivr.Core.Serial;

/// <summary>
/// What an event thread asks of the Linux scheduler (through <see cref="NativeThreadPriority"/>, the binding the pacing
/// and SIP receive threads use too): SCHED_FIFO below the pacer (which runs at 10), else nice −10, else it keeps
/// ordinary priority. Both need root or CAP_SYS_NICE; refused, nothing changes. Elsewhere than Linux: always Normal.
/// </summary>
public static class ThreadScheduling
{
    /// <summary>SCHED_FIFO priority of the event threads: above ordinary work, below the pacing threads (10).</summary>
    public const int EventRealTimeLevel = 5;

    /// <summary>The nice value asked for when SCHED_FIFO is refused.</summary>
    public const int RaisedNice = -10;

    /// <summary>The calling thread's kernel id (0 where there is none to give).</summary>
    public static int CurrentThreadId() => NativeThreadPriority.CurrentThreadId();

    /// <summary>Raises the calling thread as far as it is granted: SCHED_FIFO at <see cref="EventRealTimeLevel"/>, else
    /// nice <see cref="RaisedNice"/>, else nothing.</summary>
    public static EventPriority RaiseCurrentEventThread()
    {
        if (NativeThreadPriority.TrySetRealTime(EventRealTimeLevel)) return EventPriority.RealTime;
        return NativeThreadPriority.TrySetNice(RaisedNice) ? EventPriority.Raised : EventPriority.Normal;
    }

    /// <summary>Puts thread <paramref name="threadId"/> back in the ordinary class (its nice value kept): a real-time thread
    /// whose handler runs too long must not hold a core from ordinary work. True when done.</summary>
    public static bool LowerToOrdinary(int threadId) => NativeThreadPriority.TrySetOrdinary(threadId);

    /// <summary>The calling thread's policy: 1 for SCHED_FIFO, 0 for ordinary, -1 where it cannot be read.</summary>
    public static int CurrentPolicy() => NativeThreadPriority.CurrentPolicy();
}
