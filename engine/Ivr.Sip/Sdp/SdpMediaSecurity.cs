namespace Ivr.Sip.Sdp;

/// <summary>
/// The transport-protocol and SDES side of offer/answer for one audio stream under the local <see cref="SrtpPolicy"/>:
/// whether the stream is acceptable, and with which SRTP keys (RFC 4568 §6.1, §7.1.1); the a=crypto line of our
/// answer or offer (§6.1, §7.1.2); and what an answer to our offer settled (§7.1.3).
/// </summary>
internal static class SdpMediaSecurity
{
    public const string Avp = "RTP/AVP";

    public const string Savp = "RTP/SAVP";

    /// <summary>
    /// Whether an offered stream may be accepted, and the SRTP it then uses (null: plain RTP). RTP/SAVP needs a crypto
    /// line we can honour and SRTP not off; RTP/AVP with such a line is taken as best-effort SRTP unless SRTP is off;
    /// RTP/AVP without one is refused when SRTP is mandatory.
    /// </summary>
    public static (bool Acceptable, SdpSrtp? Srtp) ForOffer(MediaDescription media, SdpLocalMedia local)
    {
        var savp = string.Equals(media.Protocol, Savp, StringComparison.OrdinalIgnoreCase);
        if (!savp && !string.Equals(media.Protocol, Avp, StringComparison.OrdinalIgnoreCase)) return (false, null);
        var crypto = local.Srtp == SrtpPolicy.Off ? null : SdpCrypto.FirstSupported(media);
        if (crypto is null) return (!savp && local.Srtp != SrtpPolicy.Mandatory, null);
        return (true, new SdpSrtp(crypto.Suite, crypto.KeyAndSalt, LocalKeyOf(local)) { Tag = crypto.Tag });
    }

    /// <summary>The protocol of our offer: RTP/SAVP when SRTP is mandatory, else RTP/AVP.</summary>
    public static string OfferProtocol(SdpLocalMedia local) => local.Srtp == SrtpPolicy.Mandatory ? Savp : Avp;

    /// <summary>Our offer's a=crypto lines (tag 1 for each suite, the same key): only for an RTP/SAVP offer.</summary>
    public static IEnumerable<SdpAttribute> OfferAttributes(SdpLocalMedia local) =>
        local.Srtp != SrtpPolicy.Mandatory
            ? []
            : SdpCrypto.SupportedSuites.Select((suite, i) => new SdpCrypto(i + 1, suite, LocalKeyOf(local)).ToAttribute());

    /// <summary>The answer's a=crypto line: the chosen tag and suite with our key (§6.1).</summary>
    public static SdpAttribute AnswerAttribute(SdpSrtp srtp) => new SdpCrypto(srtp.Tag, srtp.Suite, srtp.LocalKey).ToAttribute();

    /// <summary>What the peer's answer to our offer settled: plain RTP/AVP to a plain offer; to our RTP/SAVP offer a crypto line naming one of the tags we offered (§7.1.3).</summary>
    public static (bool Acceptable, SdpSrtp? Srtp) ForAnswer(MediaDescription media, SdpLocalMedia local)
    {
        var crypto = SdpCrypto.FirstSupported(media);
        if (local.Srtp != SrtpPolicy.Mandatory) return (string.Equals(media.Protocol, Avp, StringComparison.OrdinalIgnoreCase), null);
        if (crypto is null || crypto.Tag < 1 || crypto.Tag > SdpCrypto.SupportedSuites.Count || SdpCrypto.SupportedSuites[crypto.Tag - 1] != crypto.Suite) return (false, null);
        return (true, new SdpSrtp(crypto.Suite, crypto.KeyAndSalt, LocalKeyOf(local)) { Tag = crypto.Tag });
    }

    private static byte[] LocalKeyOf(SdpLocalMedia local) =>
        local.SrtpKey ?? throw new InvalidOperationException("SRTP is on but the local media has no key (SdpLocalMedia.SrtpKey)");
}
