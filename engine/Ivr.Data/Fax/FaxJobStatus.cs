namespace Ivr.Data.Fax;

/// <summary>Where a scheduled fax stands. Stored as snake_case text (<c>retry_wait</c>).</summary>
public enum FaxJobStatus
{
    /// <summary>Waiting for its due time.</summary>
    Queued,

    /// <summary>Being dialled now; a job left so by a crash is retried at the next start.</summary>
    Sending,

    /// <summary>Every page confirmed by the receiver.</summary>
    Sent,

    /// <summary>No more tries (or the document left the catalog).</summary>
    Failed,

    /// <summary>A try failed (busy, no answer, failure); the next one is due at <c>due_at</c>.</summary>
    RetryWait,

    /// <summary>Withdrawn by an operator; never sent.</summary>
    Cancelled,
}
