using Ivr.Sip.Sdp;

namespace Ivr.Sip.UserAgent;

/// <summary>
/// Builds the UAS's responses: dialog-forming 1xx/2xx carry our tag, Contact and the request's
/// Record-Route (RFC 3261 §12.1.1); 200 to OPTIONS lists Allow and Accept (§11.2).
/// </summary>
internal static class SipCallResponses
{
    public static SipResponse ForCall(SipRequest request, int statusCode, string localTag, SipUri contact, string product, string? reason = null)
    {
        var response = SipResponseFactory.Create(request, statusCode, reason, localTag);
        if (statusCode is > 100 and < 300)
        {
            foreach (var route in request.Headers.GetValues(SipHeaderNames.RecordRoute))
            {
                response.Headers.Add(SipHeaderNames.RecordRoute, route);
            }

            response.Headers.Add(SipHeaderNames.Contact, new NameAddress(contact).ToString());
        }

        if (statusCode is >= 200 and < 300)
        {
            response.Headers.Add(SipHeaderNames.Allow, SipRequestScreen.AllowValue);
        }

        response.Headers.Add(SipHeaderNames.Server, product);
        return response;
    }

    public static SipResponse WithSdp(SipResponse response, SessionDescription sdp)
    {
        response.Headers.Add(SipHeaderNames.ContentType, SipRequestScreen.SdpType);
        response.Body = sdp.ToBytes();
        return response;
    }

    public static SipResponse ForOptions(SipRequest request, string toTag, string product)
    {
        var response = SipResponseFactory.Create(request, 200, null, toTag);
        response.Headers.Add(SipHeaderNames.Allow, SipRequestScreen.AllowValue);
        response.Headers.Add(SipHeaderNames.Accept, SipRequestScreen.SdpType);
        response.Headers.Add(SipHeaderNames.Server, product);
        return response;
    }
}
