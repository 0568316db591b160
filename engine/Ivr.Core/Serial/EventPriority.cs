namespace Ivr.Core.Serial;

/// <summary>What an event thread got when it asked to run ahead of ordinary work (see <see cref="ThreadScheduling"/>).</summary>
public enum EventPriority
{
    /// <summary>Ordinary priority: not granted (no CAP_SYS_NICE) or not Linux.</summary>
    Normal,

    /// <summary>A raised nice value (<see cref="ThreadScheduling.RaisedNice"/>): SCHED_FIFO refused, setpriority granted.</summary>
    Raised,

    /// <summary>Linux SCHED_FIFO at <see cref="ThreadScheduling.EventRealTimeLevel"/>, below the pacing threads'.</summary>
    RealTime,
}
