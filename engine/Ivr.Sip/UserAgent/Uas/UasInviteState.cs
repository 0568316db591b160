namespace Ivr.Sip.UserAgent.Uas;

/// <summary>
/// The states of an inbound INVITE session (RFC 3261 §13.3, §15). Unlike the public <see cref="SipCallState"/>
/// it tells apart a call hung up before the ACK, whose BYE still waits for that ACK (§15).
/// </summary>
internal enum UasInviteState
{
    /// <summary>INVITE received, 100 Trying sent, no decision yet; the answer timeout runs.</summary>
    Incoming,

    /// <summary>180 Ringing sent.</summary>
    Ringing,

    /// <summary>200 OK sent and retransmitted until the ACK (§13.3.1.4).</summary>
    Answered,

    /// <summary>ACK received: the session is up.</summary>
    Confirmed,

    /// <summary>
    /// Hung up locally while <see cref="Answered"/>: over for the handler, but the callee must not send BYE before
    /// the ACK or the 2xx timeout (§15), so the session stays known until one of them comes.
    /// </summary>
    ByeAfterAck,

    /// <summary>Over and forgotten.</summary>
    Ended,
}
