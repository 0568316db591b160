using System.Net;
using Ivr.Media.Codecs;
using Ivr.Sip.Sdp;

namespace Ivr.Telephony.Calls;

/// <summary>What offer/answer (RFC 3264) settled for a call's audio: the G.711 law and its payload type,
/// the RFC 4733 telephone-event payload type when both sides support it, where to send RTP, and the SRTP keys when the
/// stream is SRTP (RFC 4568).</summary>
public sealed record NegotiatedMedia(G711Law Law, int PayloadType, int? TelephoneEventPayloadType, IPEndPoint? Remote, bool IsHold = false)
{
    /// <summary>The SDES keys of an SRTP stream; null for plain RTP.</summary>
    public SdpSrtp? Srtp { get; init; }

    /// <summary>Reads an accepted negotiation; null when it was not accepted.</summary>
    public static NegotiatedMedia? From(SdpNegotiation negotiation)
    {
        if (!negotiation.IsAccepted) return null;
        var law = negotiation.EncodingName.Equals("PCMA", StringComparison.OrdinalIgnoreCase) ? G711Law.ALaw : G711Law.MuLaw;
        return new NegotiatedMedia(law, negotiation.PayloadType, negotiation.TelephoneEventPayloadType, negotiation.RemoteRtp, negotiation.IsHold) { Srtp = negotiation.Srtp };
    }

    public string CodecName => Law == G711Law.ALaw ? "PCMA" : "PCMU";
}
