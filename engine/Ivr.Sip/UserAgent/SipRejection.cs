namespace Ivr.Sip.UserAgent;

/// <summary>A final error response to send instead of processing a request, with any headers it requires.</summary>
public sealed record SipRejection(int StatusCode, string? Reason = null, IReadOnlyList<SipHeader>? Headers = null)
{
    public SipResponse ToResponse(SipRequest request, string? toTag)
    {
        var response = SipResponseFactory.Create(request, StatusCode, Reason, toTag);
        foreach (var header in Headers ?? [])
        {
            response.Headers.Add(header.Name, header.Value);
        }

        return response;
    }
}
