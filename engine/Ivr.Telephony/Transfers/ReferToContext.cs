using Ivr.Sip.Message;

namespace Ivr.Telephony.Transfers;

/// <summary>
/// The transfer's context as URI headers of the Refer-To (RFC 3261 §19.1.1, escaped as §19.1.2 says):
/// <c>&lt;sip:agents@pbx?X-Ivr-Queue=general&amp;X-Ivr-Path=3-1&amp;X-Ivr-Context=TOKEN&gt;</c>. A transferee copies
/// these into the INVITE it sends to the agents (§19.1.5), where REFER's own headers never arrive. The written URI
/// stays within <see cref="MaxLength"/> characters: the queue and the context token come first, and a header that
/// does not fit is left out (the agent desktop still reads everything through the token). Headers already in the
/// queue's URI are kept.
/// </summary>
public static class ReferToContext
{
    /// <summary>The longest Refer-To URI written (many proxies and phones cut lines near 1 KB).</summary>
    public const int MaxLength = 900;

    public const string TokenHeader = "X-Ivr-Context";

    public static SipUri Of(SipUri target, IReadOnlyList<SipHeader> headers)
    {
        var ordered = headers.Where(h => IsFirst(h.Name)).Concat(headers.Where(h => !IsFirst(h.Name)));
        var kept = new List<SipParameter>(target.Headers);
        foreach (var header in ordered)
        {
            var with = new List<SipParameter>(kept) { new(header.Name, header.Value) };
            if (With(target, with).ToString().Length <= MaxLength) kept = with;
        }

        return With(target, kept);
    }

    /// <summary>The URI headers of a received Refer-To or INVITE Request-URI, as SIP headers (name, unescaped value).</summary>
    public static IReadOnlyList<SipHeader> HeadersOf(SipUri uri) =>
        uri.Headers.Select(h => new SipHeader(h.Name, h.Value ?? string.Empty)).ToList();

    private static bool IsFirst(string name) =>
        name.Equals("X-Ivr-Queue", StringComparison.OrdinalIgnoreCase) || name.Equals(TokenHeader, StringComparison.OrdinalIgnoreCase);

    private static SipUri With(SipUri target, IReadOnlyList<SipParameter> headers) =>
        new(target.Scheme, target.User, target.Host, target.Port, target.Parameters, headers, target.Password);
}
