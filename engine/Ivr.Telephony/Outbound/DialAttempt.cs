using Ivr.Sip.Sdp;
using Ivr.Sip.UserAgent;
using Ivr.Telephony.Calls;

namespace Ivr.Telephony.Outbound;

/// <summary>The ringing phase of one dial: turns 18x responses into <see cref="OutboundProgress"/>, and an SDP in
/// one of them into early media on the call (RFC 3960: the callee's RTP is received before the answer).</summary>
internal sealed class DialAttempt(OutboundCall call, SdpLocalMedia local, Action<OutboundProgress>? progress, Action<string> log)
{
    public void OnProgress(SipOutboundProgress response)
    {
        var early = false;
        if (response.EarlySdp is { } sdp)
        {
            var negotiation = SdpOfferAnswer.ReadAnswer(sdp, local);
            if (NegotiatedMedia.From(negotiation) is { } media)
            {
                call.Negotiated(media);
                early = true;
            }
            else
            {
                log($"{call}: {response.StatusCode} with SDP we cannot use ({negotiation.Error}); no early media");
            }
        }

        try
        {
            progress?.Invoke(new OutboundProgress(response.StatusCode, response.ReasonPhrase, early));
        }
        catch (Exception ex)
        {
            log($"{call}: the progress handler failed: {ex.GetType().Name}: {ex.Message}");
        }
    }
}
