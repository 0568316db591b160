using Ivr.Sip.Sdp;
using Ivr.Sip.Transactions;

namespace Ivr.Sip.UserAgent.Uas;

/// <summary>The SDP body of an INVITE or re-INVITE (RFC 3264): none, parsed, or malformed and answered 400.</summary>
internal static class InviteSdp
{
    /// <summary>Null without a body; a failed result after answering 400 for a malformed one.</summary>
    public static ParseResult<SessionDescription>? Read(SipRequest request, SipServerTransaction transaction)
    {
        if (request.Body.Length == 0)
        {
            return null;
        }

        var sdp = SessionDescription.Parse(request.Body);
        if (!sdp.IsSuccess)
        {
            transaction.SendResponse(SipResponseFactory.Create(request, 400, "Malformed SDP", SipIds.NewTag()));
        }

        return sdp;
    }

    /// <summary>The SDP an ACK carries (the answer to the offer in our 2xx, RFC 3261 §13.2.1); null when none is usable.</summary>
    public static SessionDescription? OfAck(SipRequest ack) =>
        ack.Body.Length > 0 && ack.ContentType == SipRequestScreen.SdpType && SessionDescription.Parse(ack.Body) is { IsSuccess: true } sdp
            ? sdp.Value
            : null;
}
