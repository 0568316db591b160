namespace Ivr.Sip.Sdp;

/// <summary>
/// Whether calls use SDES-SRTP (RFC 4568, RFC 3711) — <c>--srtp off|optional|mandatory</c>. Off: RTP only, an offer of
/// RTP/SAVP alone is refused. Optional: SRTP when the offer asks for it (RTP/SAVP, or a=crypto on RTP/AVP as some phones
/// offer "best effort"), plain RTP otherwise. Mandatory: an offer without a usable a=crypto is refused with 488, and our
/// own offers are RTP/SAVP.
/// </summary>
public enum SrtpPolicy
{
    Off,
    Optional,
    Mandatory,
}
