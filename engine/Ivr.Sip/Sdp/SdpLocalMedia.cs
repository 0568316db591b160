using System.Net;

namespace Ivr.Sip.Sdp;

/// <summary>
/// What this side can receive: the RTP address and port, the G.711 payload types it accepts in its own
/// order of preference when it makes an offer (0 = PCMU, 8 = PCMA), and its RFC 4733 telephone-event type.
/// </summary>
public sealed record SdpLocalMedia(IPAddress Address, int RtpPort)
{
    public IReadOnlyList<int> PayloadTypes { get; init; } = [SdpCodecs.Pcmu, SdpCodecs.Pcma];

    /// <summary>Payload type used for telephone-event in our offers (answers reuse the offerer's number).</summary>
    public int TelephoneEventPayloadType { get; init; } = 101;

    public int PacketTimeMs { get; init; } = 20;

    public string UserName { get; init; } = "ivr";

    /// <summary>o= session id; keep it for the life of the call (RFC 4566 §5.2).</summary>
    public long SessionId { get; init; } = 1;

    /// <summary>o= version; increase it for every new offer or answer in the same session (RFC 3264 §8).</summary>
    public long SessionVersion { get; init; } = 1;

    /// <summary>Whether SDES-SRTP is refused, taken when offered, or required (RFC 4568).</summary>
    public SrtpPolicy Srtp { get; init; } = SrtpPolicy.Off;

    /// <summary>Our 30-octet SRTP master key and salt for this call (in our a=crypto line); needed unless <see cref="Srtp"/> is off.</summary>
    public byte[]? SrtpKey { get; init; }
}
