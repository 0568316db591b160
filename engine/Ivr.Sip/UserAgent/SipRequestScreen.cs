using Ivr.Sip.Transport;

namespace Ivr.Sip.UserAgent;

/// <summary>
/// The UAS checks of RFC 3261 §8.2.1–8.2.3 in their order, before a request reaches a call: Max-Forwards
/// (483, §16.3 — OPTIONS excepted, where we are the final recipient), method (501 unknown / 405 not allowed,
/// with Allow), Request-URI scheme (416; also a SIPS URI that did not arrive over TLS, RFC 3261 §26.2.2), Require (420 with Unsupported), and for INVITE the bodies we can
/// answer (406 when Accept excludes SDP) and read (415 for anything but SDP).
/// </summary>
public static class SipRequestScreen
{
    public static readonly IReadOnlyList<string> AllowedMethods =
        [SipMethods.Invite, SipMethods.Ack, SipMethods.Bye, SipMethods.Cancel, SipMethods.Options, SipMethods.Info, SipMethods.Notify];

    public static string AllowValue => string.Join(", ", AllowedMethods);

    public const string SdpType = "application/sdp";

    public static SipRejection? Check(SipRequest request, SipTransportKind transport)
    {
        if (request.RequestUri.Scheme == "sips" && transport != SipTransportKind.Tls && request.Method != SipMethods.Cancel)
        {
            return new SipRejection(416, "SIPS Requires TLS");
        }

        return Check(request);
    }

    public static SipRejection? Check(SipRequest request)
    {
        if (request.MaxForwards == 0 && request.Method != SipMethods.Options)
        {
            return new SipRejection(483);
        }

        if (!SipMethods.Known.Contains(request.Method))
        {
            return new SipRejection(501, null, [new SipHeader(SipHeaderNames.Allow, AllowValue)]);
        }

        if (!AllowedMethods.Contains(request.Method))
        {
            return new SipRejection(405, null, [new SipHeader(SipHeaderNames.Allow, AllowValue)]);
        }

        if (!request.RequestUri.IsSip)
        {
            return new SipRejection(416);
        }

        if (request.Method is not (SipMethods.Cancel or SipMethods.Ack))
        {
            var required = request.Headers.GetValues(SipHeaderNames.Require).Where(v => v.Length > 0).ToList();
            if (required.Count > 0)
            {
                return new SipRejection(420, null, [new SipHeader(SipHeaderNames.Unsupported, string.Join(", ", required))]);
            }
        }

        return request.Method == SipMethods.Invite ? CheckInviteBodies(request) : null;
    }

    private static SipRejection? CheckInviteBodies(SipRequest request)
    {
        if (request.Headers.Contains(SipHeaderNames.Accept))
        {
            var accepted = request.Headers.GetValues(SipHeaderNames.Accept)
                .Select(v => v.Split(';')[0].Trim().ToLowerInvariant());
            if (!accepted.Any(a => a is SdpType or "application/*" or "*/*"))
            {
                return new SipRejection(406, null, [new SipHeader(SipHeaderNames.Accept, SdpType)]);
            }
        }

        if (request.Body.Length == 0)
        {
            return null;
        }

        var encoding = request.Headers.Get(SipHeaderNames.ContentEncoding)?.Trim();
        if (request.ContentType != SdpType || (encoding is not null && !encoding.Equals("identity", StringComparison.OrdinalIgnoreCase)))
        {
            return new SipRejection(415, null, [new SipHeader(SipHeaderNames.Accept, SdpType)]);
        }

        return null;
    }
}
