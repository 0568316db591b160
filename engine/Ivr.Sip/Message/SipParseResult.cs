namespace Ivr.Sip.Message;

/// <summary>
/// The outcome of <see cref="SipParser.Parse"/>: a message, or an error reason. When the start line and
/// headers were readable but the body framing was not (e.g. Content-Length mismatch), <see cref="Partial"/>
/// holds the header-only message so a UAS can still answer 400 with the reason (RFC 3261 §18.3, §21.4.1).
/// </summary>
public sealed record SipParseResult(SipMessage? Message, string? Error, SipMessage? Partial = null, bool IsOversized = false)
{
    public bool IsSuccess => Message is not null;

    public static SipParseResult Ok(SipMessage message) => new(message, null);

    public static SipParseResult Fail(string error, SipMessage? partial = null) => new(null, error, partial);

    public static SipParseResult Oversized(int size, int limit) =>
        new(null, $"message too large: {size} bytes exceeds the {limit}-byte limit", null, true);
}
