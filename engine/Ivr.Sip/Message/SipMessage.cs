namespace Ivr.Sip.Message;

/// <summary>
/// What requests and responses share (RFC 3261 §7): version, ordered headers and a body.
/// The typed accessors parse on demand and return null when a header is absent or malformed;
/// <see cref="SipMessageValidator"/> reports which one and why.
/// </summary>
public abstract class SipMessage
{
    public const string Version20 = "SIP/2.0";

    public string Version { get; set; } = Version20;

    public SipHeaderCollection Headers { get; } = new();

    public byte[] Body { get; set; } = [];

    public string? CallId => Headers.Get(SipHeaderNames.CallId)?.Trim();

    public CSeqHeader? CSeq => ParseOrNull(Headers.Get(SipHeaderNames.CSeq), CSeqHeader.Parse);

    public NameAddress? From => ParseOrNull(Headers.Get(SipHeaderNames.From), NameAddress.Parse);

    public NameAddress? To => ParseOrNull(Headers.Get(SipHeaderNames.To), NameAddress.Parse);

    /// <summary>The first (topmost) Via value, or null when absent or malformed.</summary>
    public ViaHeader? TopVia
    {
        get
        {
            var values = Headers.GetValues(SipHeaderNames.Via);
            return values.Count == 0 ? null : ParseOrNull(values[0], ViaHeader.Parse);
        }
    }

    /// <summary>Every Contact value that parses (a "*" or malformed value is skipped).</summary>
    public IReadOnlyList<NameAddress> Contacts =>
        Headers.GetValues(SipHeaderNames.Contact).Select(NameAddress.Parse).Where(r => r.IsSuccess).Select(r => r.Value!).ToList();

    public int? MaxForwards =>
        int.TryParse(Headers.Get(SipHeaderNames.MaxForwards)?.Trim(), out var value) ? value : null;

    /// <summary>The media type of Content-Type without parameters, lower-case; null when absent.</summary>
    public string? ContentType => Headers.Get(SipHeaderNames.ContentType)?.Split(';')[0].Trim().ToLowerInvariant();

    public abstract bool IsRequest { get; }

    /// <summary>Replaces the topmost Via value (the transport adds received/rport there, §18.2.1).</summary>
    public void ReplaceTopVia(ViaHeader via)
    {
        var lines = Headers.Where(h => h.Name == SipHeaderNames.Via).Select(h => h.Value).ToList();
        if (lines.Count == 0)
        {
            return;
        }

        var first = HeaderValueSplitter.Split(lines[0]);
        var rewritten = string.Join(", ", new[] { via.ToString() }.Concat(first.Skip(1)));
        Headers.ReplaceFirst(SipHeaderNames.Via, rewritten);
    }

    private static T? ParseOrNull<T>(string? text, Func<string, ParseResult<T>> parse)
        where T : notnull
    {
        if (text is null)
        {
            return default;
        }

        var result = parse(text);
        return result.IsSuccess ? result.Value : default;
    }
}
