namespace Ivr.Sip.UserAgent;

/// <summary>Where an outbound call (we are the UAC) stands.</summary>
public enum SipOutboundState
{
    /// <summary>INVITE sent, no provisional response with content yet.</summary>
    Calling,

    /// <summary>A 180/183 arrived.</summary>
    Ringing,

    /// <summary>2xx received and ACKed: the session is up.</summary>
    Confirmed,

    Ended,
}
