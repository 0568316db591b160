using System.Security.Cryptography;
using Ivr.Media.Srtp;
using Ivr.Sip.Sdp;

namespace Ivr.Telephony.Calls;

/// <summary>
/// Puts what SDES negotiated (RFC 4568) onto a call's RTP socket: a fresh key of our own for each call's SDP, the
/// <see cref="SrtpTransform"/> once an answer settles the keys, a new peer key on a re-INVITE. A re-INVITE may not
/// switch SRTP on or off mid-call.
/// </summary>
internal static class SrtpKeying
{
    /// <summary>Our SDP for a new call under <paramref name="policy"/>: with a random master key and salt unless SRTP is off.</summary>
    public static SdpLocalMedia WithPolicy(SdpLocalMedia local, SrtpPolicy policy) =>
        policy == SrtpPolicy.Off ? local : local with { Srtp = policy, SrtpKey = RandomNumberGenerator.GetBytes(SdpCrypto.KeyAndSaltLength) };

    /// <summary>Starts SRTP on <paramref name="rtp"/> when the media is SRTP.</summary>
    public static void Apply(RtpEndpoint rtp, NegotiatedMedia media)
    {
        if (media.Srtp is { } srtp) rtp.UseSrtp(new SrtpTransform(SuiteOf(srtp), srtp.LocalKey, srtp.RemoteKey));
    }

    /// <summary>
    /// Null when a re-INVITE's media keeps SRTP as it was (a changed peer key is taken); else why it is refused.
    /// </summary>
    public static string? Renegotiate(RtpEndpoint rtp, NegotiatedMedia media)
    {
        var current = rtp.Srtp;
        if ((current is null) != (media.Srtp is null)) return "a re-INVITE may not switch SRTP on or off";
        if (current is not null && media.Srtp is { } srtp)
        {
            if (SuiteOf(srtp) != current.Suite) return "a re-INVITE may not change the SRTP suite";
            current.Rekey(srtp.RemoteKey);
        }

        return null;
    }

    private static SrtpSuite SuiteOf(SdpSrtp srtp) =>
        SrtpSuites.Parse(srtp.Suite) ?? throw new InvalidOperationException($"negotiated an SRTP suite Ivr does not speak: {srtp.Suite}");
}
