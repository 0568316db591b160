namespace Ivr.Sip.Refer;

/// <summary>
/// How a transfer by REFER (RFC 3515) ended. <see cref="Reason"/> is one of <c>answered</c>, <c>busy</c>,
/// <c>no_answer</c>, <c>rejected</c>, <c>not_supported</c>, <c>timeout</c>, <c>call_ended</c>,
/// <c>not_confirmed</c> (the call was not yet ACKed) or <c>in_progress</c> (a REFER was already pending). <see cref="StatusCode"/> is the final status seen: the
/// REFER's own response when it was refused, otherwise the status line of the last sipfrag (RFC 3420); 0 when none.
/// </summary>
public sealed record SipReferOutcome(bool Succeeded, string Reason, int StatusCode)
{
    /// <summary>The REFER itself got a final error (the peer refused to transfer), as opposed to a failure the
    /// sipfrag NOTIFYs reported from the transfer target.</summary>
    public bool ReferRefused { get; init; }

    public static SipReferOutcome Failed(string reason, int statusCode = 0) => new(false, reason, statusCode);
}
