namespace Ivr.Media.Rtp;

/// <summary>Why bytes are not a valid RTP packet (the validity checks of RFC 3550 Appendix A.1).</summary>
public enum RtpPacketError
{
    None,

    /// <summary>Fewer than the 12 octets of the fixed header.</summary>
    TooShort,

    /// <summary>The V field is not 2.</summary>
    BadVersion,

    /// <summary>Second octet 200..204 (PT 72..76 with M set): an RTCP packet on a multiplexed port (RFC 5761 §4).</summary>
    Rtcp,

    /// <summary>The CSRC list runs past the end of the packet.</summary>
    CsrcTruncated,

    /// <summary>The header extension runs past the end of the packet.</summary>
    ExtensionTruncated,

    /// <summary>P is set but the padding count is 0 or longer than what follows the header.</summary>
    BadPadding,
}
