namespace Ivr.Sip.Message;

/// <summary>
/// Builds a response to a request as RFC 3261 §8.2.6.2 requires: the same Via values in order, From,
/// Call-ID and CSeq copied, To copied with a tag added (except on 100 Trying) when it had none.
/// </summary>
public static class SipResponseFactory
{
    public static SipResponse Create(SipRequest request, int statusCode, string? reason = null, string? toTag = null)
    {
        var response = new SipResponse(statusCode, reason);
        foreach (var header in request.Headers)
        {
            if (header.Name is SipHeaderNames.Via or SipHeaderNames.From or SipHeaderNames.CallId or SipHeaderNames.CSeq)
            {
                response.Headers.Add(header.Name, header.Value);
            }
        }

        var toText = request.Headers.Get(SipHeaderNames.To);
        if (toText is not null)
        {
            var to = request.To;
            if (to is not null && to.Tag is null && toTag is not null && statusCode != 100)
            {
                // The request's To as it came with the tag added (§8.2.6.2): a header parameter after either form, name-addr or
                // addr-spec (whose trailing parameters are the header's, §20.10) — not written again from its parts.
                response.Headers.Add(SipHeaderNames.To, string.Concat(toText, ";tag=", toTag));
            }
            else
            {
                response.Headers.Add(SipHeaderNames.To, toText);
            }
        }

        return response;
    }
}
