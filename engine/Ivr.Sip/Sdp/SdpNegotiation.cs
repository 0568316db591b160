using System.Net;

namespace Ivr.Sip.Sdp;

/// <summary>
/// The outcome of offer/answer for the audio stream: the SDP to send (our answer or offer), the codec and
/// telephone-event payload types both sides use, where to send RTP, and whether the peer put us on hold.
/// When <see cref="IsAccepted"/> is false the caller answers 488 Not Acceptable Here (RFC 3264 §6).
/// </summary>
public sealed record SdpNegotiation
{
    public bool IsAccepted => Error is null;

    public string? Error { get; init; }

    /// <summary>The SDP answer to send back; null when not accepted.</summary>
    public SessionDescription? Answer { get; init; }

    /// <summary>The RTP payload type for audio as the offer numbered it (0, 8, or a dynamic type mapped to PCMU/PCMA).</summary>
    public int PayloadType { get; init; }

    /// <summary>"PCMU" or "PCMA".</summary>
    public string EncodingName { get; init; } = string.Empty;

    /// <summary>The telephone-event payload type when both sides support RFC 4733 events; else null.</summary>
    public int? TelephoneEventPayloadType { get; init; }

    /// <summary>Where the peer wants to receive RTP; null when it gave no usable address.</summary>
    public IPEndPoint? RemoteRtp { get; init; }

    /// <summary>The peer holds the call: it offered sendonly/inactive, or the RFC 2543 address 0.0.0.0.</summary>
    public bool IsHold { get; init; }

    /// <summary>Direction of our answer (mirror of the offer).</summary>
    public SdpDirection Direction { get; init; } = SdpDirection.SendRecv;

    /// <summary>The offered stream's transport protocol, repeated in the answer (RFC 3264 §6.1): RTP/AVP or RTP/SAVP.</summary>
    public string Protocol { get; init; } = "RTP/AVP";

    /// <summary>The SRTP keys when the stream is SRTP (RFC 4568); null for plain RTP.</summary>
    public SdpSrtp? Srtp { get; init; }

    public static SdpNegotiation NotAcceptable(string error) => new() { Error = error };
}
