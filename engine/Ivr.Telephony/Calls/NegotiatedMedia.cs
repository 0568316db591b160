using System.Net;
using Ivr.Media.Codecs;
using Ivr.Sip.Sdp;

namespace Ivr.Telephony.Calls;

/// <summary>What offer/answer (RFC 3264) settled for a call's audio: the G.711 law and its payload type,
/// the RFC 4733 telephone-event payload type when both sides support it, and where to send RTP.</summary>
public sealed record NegotiatedMedia(G711Law Law, int PayloadType, int? TelephoneEventPayloadType, IPEndPoint? Remote, bool IsHold = false)
{
    /// <summary>Reads an accepted negotiation; null when it was not accepted.</summary>
    public static NegotiatedMedia? From(SdpNegotiation negotiation)
    {
        if (!negotiation.IsAccepted) return null;
        var law = negotiation.EncodingName.Equals("PCMA", StringComparison.OrdinalIgnoreCase) ? G711Law.ALaw : G711Law.MuLaw;
        return new NegotiatedMedia(law, negotiation.PayloadType, negotiation.TelephoneEventPayloadType, negotiation.RemoteRtp, negotiation.IsHold);
    }

    public string CodecName => Law == G711Law.ALaw ? "PCMA" : "PCMU";
}
