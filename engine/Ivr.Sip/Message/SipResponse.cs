namespace Ivr.Sip.Message;

/// <summary>A SIP response (RFC 3261 §7.2): <c>SIP/2.0 Status-Code Reason-Phrase</c>, headers, body.</summary>
public sealed class SipResponse : SipMessage
{
    public SipResponse(int statusCode, string? reasonPhrase = null)
    {
        StatusCode = statusCode;
        ReasonPhrase = reasonPhrase ?? SipReasonPhrases.For(statusCode);
    }

    public int StatusCode { get; }

    public string ReasonPhrase { get; }

    public bool IsProvisional => StatusCode < 200;

    public bool IsSuccess => StatusCode is >= 200 and < 300;

    public override bool IsRequest => false;

    public override string ToString() => $"{Version} {StatusCode} {ReasonPhrase}";
}
