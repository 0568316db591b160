namespace Ivr.Sip.Refer;

/// <summary>
/// How a transfer by REFER (RFC 3515) ended: the <see cref="Result"/>, and <see cref="StatusCode"/>, the final status
/// seen: the REFER's own response when it was refused, otherwise the status line of the last sipfrag (RFC 3420); 0
/// when none.
/// </summary>
public sealed record SipReferOutcome(SipReferResult Result, int StatusCode = 0)
{
    public bool Succeeded => Result == SipReferResult.Answered;

    /// <summary>The REFER itself got a final error (the peer refused to transfer), as opposed to a failure the
    /// sipfrag NOTIFYs reported from the transfer target.</summary>
    public bool ReferRefused { get; init; }
}
