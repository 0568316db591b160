namespace Ivr.Sip.UserAgent;

/// <summary>
/// The final answer to an outbound INVITE: 200 when answered; 486/603/… as the callee said; 408 when nothing
/// came back in 64*T1 (Timer B); 487 after our CANCEL.
/// </summary>
public sealed record SipOutboundOutcome(int StatusCode, string ReasonPhrase)
{
    public bool IsAnswered => StatusCode is >= 200 and < 300;
}
