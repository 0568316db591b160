namespace Ivr.Core.Serial;

/// <summary>Where a <see cref="SerialQueue{T}"/> runs its items when it was idle (an <see cref="EventLane"/> is the third way:
/// a dedicated event thread, see <see cref="EventThreads"/>).</summary>
public enum SerialDispatch
{
    /// <summary>
    /// On the posting thread, before <c>Post</c> returns: deterministic under a fake clock, and the
    /// right choice where the poster is itself a work loop (the SIP stack, a call's state machine).
    /// </summary>
    Inline,

    /// <summary>
    /// On the thread pool: the poster (a pacing, RTP or socket thread) never runs the handler and
    /// never waits for it.
    /// </summary>
    ThreadPool,
}
