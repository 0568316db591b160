namespace Ivr.Sip.UserAgent;

/// <summary>Why a call ended.</summary>
public enum SipCallEndReason
{
    /// <summary>The peer sent BYE.</summary>
    RemoteHangup,

    /// <summary>We hung up (<see cref="SipCall.Hangup"/>): BYE sent, or the unanswered INVITE refused.</summary>
    LocalHangup,

    /// <summary>The caller sent CANCEL before we answered (we answered 487).</summary>
    Cancelled,

    /// <summary>We answered with a final error (<see cref="SipCall.Reject"/>).</summary>
    Rejected,

    /// <summary>No ACK for our 200 within 64*T1 (RFC 3261 §13.3.1.4); a BYE was sent.</summary>
    AckTimeout,

    /// <summary>The handler did not answer within <see cref="SipUserAgentOptions.AnswerTimeout"/> (we answered 480).</summary>
    AnswerTimeout,

    /// <summary>The stack shut down.</summary>
    Shutdown,
}
