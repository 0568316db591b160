namespace Ivr.Sip.Message;

/// <summary>A SIP request (RFC 3261 §7.1): <c>Method Request-URI SIP/2.0</c>, headers, body.</summary>
public sealed class SipRequest : SipMessage
{
    public SipRequest(string method, SipUri requestUri)
    {
        Method = method;
        RequestUri = requestUri;
    }

    /// <summary>The method token, case-sensitive (§7.1).</summary>
    public string Method { get; }

    public SipUri RequestUri { get; set; }

    public override bool IsRequest => true;

    public override string ToString() => $"{Method} {RequestUri} {Version}";
}
