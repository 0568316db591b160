namespace Ivr.Media.Playout;

/// <summary>Why a prompt stopped playing.</summary>
public enum PlayoutEndReason
{
    /// <summary>All its audio was sent.</summary>
    Finished,

    /// <summary><see cref="PlayoutStream.Stop"/> (barge-in) cut it off or removed it from the queue.</summary>
    Stopped,

    /// <summary>The stream was removed from the scheduler (call ended).</summary>
    Removed,
}
