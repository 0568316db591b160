namespace Ivr.Sip.Refer;

/// <summary>How a transfer by REFER (RFC 3515) ended, as <see cref="SipReferOutcome.Result"/>.</summary>
public enum SipReferResult
{
    /// <summary>The referred call was answered (a 2xx sipfrag, RFC 3515 §2.4.5).</summary>
    Answered,

    /// <summary>The transfer target was busy (486 or 600 sipfrag).</summary>
    Busy,

    /// <summary>The transfer target did not answer (408, 480 or 487 sipfrag).</summary>
    NoAnswer,

    /// <summary>Any other final status: of the referred call, of the REFER itself (but 405/501), or a subscription terminated without one.</summary>
    Rejected,

    /// <summary>The peer cannot transfer: the REFER itself got 405 or 501.</summary>
    NotSupported,

    /// <summary>No final NOTIFY within the REFER's time limit, or no response to the REFER at all (408).</summary>
    Timeout,

    /// <summary>The call ended before the transfer did.</summary>
    CallEnded,

    /// <summary>The call was not yet confirmed (no ACK yet): no REFER was sent.</summary>
    NotConfirmed,

    /// <summary>Another REFER of the call was still pending: none was sent.</summary>
    InProgress,
}
