namespace Ivr.Sip.Message;

/// <summary>How a message was framed (RFC 3261 §18.3) and how large it may be.</summary>
public sealed record SipParseOptions
{
    public const int DefaultMaxMessageSize = 64 * 1024;

    /// <summary>
    /// True for a stream transport (TCP), where Content-Length is mandatory and exact; false for a datagram,
    /// where a missing Content-Length means "to the end of the datagram" and extra bytes are discarded.
    /// </summary>
    public bool IsStream { get; init; }

    public int MaxMessageSize { get; init; } = DefaultMaxMessageSize;

    public static SipParseOptions Datagram { get; } = new();

    public static SipParseOptions Stream { get; } = new() { IsStream = true };
}
