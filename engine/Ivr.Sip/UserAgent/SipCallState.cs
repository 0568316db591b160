namespace Ivr.Sip.UserAgent;

/// <summary>Where an incoming call stands from the UAS's point of view.</summary>
public enum SipCallState
{
    /// <summary>INVITE received, 100 Trying sent, no decision yet.</summary>
    Incoming,

    /// <summary>180 Ringing sent.</summary>
    Ringing,

    /// <summary>200 OK sent, waiting for the ACK (retransmitting the 200 over UDP, RFC 3261 §13.3.1.4).</summary>
    Answered,

    /// <summary>ACK received: the session is up.</summary>
    Confirmed,

    Ended,
}
