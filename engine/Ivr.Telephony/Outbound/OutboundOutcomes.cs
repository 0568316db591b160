using Ivr.Sip.UserAgent;

namespace Ivr.Telephony.Outbound;

/// <summary>Maps the SIP end of an INVITE to an <see cref="OutboundOutcome"/>, knowing why we cancelled, if we did.</summary>
internal static class OutboundOutcomes
{
    public static OutboundOutcome From(int statusCode, bool hadProvisional, bool ringTimedOut, bool cancelledByCaller)
    {
        if (cancelledByCaller) return OutboundOutcome.Cancelled; // includes a 2xx that crossed our CANCEL (the SIP layer sent BYE)
        if (ringTimedOut) return hadProvisional || statusCode != 408 ? OutboundOutcome.NoAnswer : OutboundOutcome.Unreachable;
        return statusCode switch
        {
            >= 200 and < 300 => OutboundOutcome.Answered,
            486 or 600 => OutboundOutcome.Busy,
            401 or 407 => OutboundOutcome.AuthFailed,
            408 when !hadProvisional => OutboundOutcome.Unreachable,
            408 or 480 => OutboundOutcome.NoAnswer,
            _ => OutboundOutcome.Rejected,
        };
    }

    public static OutboundOutcome From(SipOutboundOutcome outcome, bool hadProvisional, bool ringTimedOut, bool cancelledByCaller) =>
        From(outcome.StatusCode, hadProvisional, ringTimedOut, cancelledByCaller);
}
