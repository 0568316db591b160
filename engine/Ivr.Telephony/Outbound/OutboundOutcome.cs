namespace Ivr.Telephony.Outbound;

/// <summary>How an outbound call attempt ended.</summary>
public enum OutboundOutcome
{
    /// <summary>2xx: the call is up (<see cref="OutboundDialResult.Call"/>).</summary>
    Answered,

    /// <summary>486 Busy Here or 600 Busy Everywhere.</summary>
    Busy,

    /// <summary>Rang until the ring timeout (we CANCELled), or 480/408 after ringing.</summary>
    NoAnswer,

    /// <summary>Any other final error (<see cref="OutboundDialResult.StatusCode"/> says which).</summary>
    Rejected,

    /// <summary>401/407 we could not answer: no credentials, wrong password (same nonce challenged twice), unknown algorithm.</summary>
    AuthFailed,

    /// <summary>Nothing came back (Timer B, 408 without any provisional response) or the target could not be addressed.</summary>
    Unreachable,

    /// <summary>The caller's <see cref="CancellationToken"/> fired first.</summary>
    Cancelled,
}
