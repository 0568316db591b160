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

    // The last parse of each header the stack reads again and again (transaction key, dialog, validation, responses),
    // kept with the raw text it came from: an unchanged header (the same string) is not parsed again, a replaced one is.
    // The parsed types are immutable. Setting up a call parsed To and Via several times each (issue 13, set-up garbage).
    private Parsed<CSeqHeader>? _cseq;
    private Parsed<NameAddress?>? _from;
    private Parsed<NameAddress?>? _to;
    private Parsed<ViaHeader?>? _topVia;

    /// <summary>The CSeq; as before its memo, an absent or malformed one reads as <c>default</c> (number 0, no method), not
    /// null — <see cref="SipMessageValidator"/> refuses such a message first.</summary>
    public CSeqHeader? CSeq => Memo(ref _cseq, Headers.Get(SipHeaderNames.CSeq), static raw => ParseOrNull(raw, CSeqHeader.Parse));

    public NameAddress? From => Memo(ref _from, Headers.Get(SipHeaderNames.From), static raw => ParseOrNull(raw, NameAddress.Parse));

    public NameAddress? To => Memo(ref _to, Headers.Get(SipHeaderNames.To), static raw => ParseOrNull(raw, NameAddress.Parse));

    /// <summary>The first (topmost) Via value, or null when absent or malformed.</summary>
    public ViaHeader? TopVia => Memo(ref _topVia, Headers.Get(SipHeaderNames.Via), static line => ParseOrNull(FirstValue(line), ViaHeader.Parse));

    /// <summary>The first value of a list header line (§7.3.1); the line itself when it holds one (no list built).</summary>
    private static string FirstValue(string line) => line.Contains(',') ? HeaderValueSplitter.Split(line)[0] : line.Trim();

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
        ArgumentNullException.ThrowIfNull(via);
        if (Headers.Get(SipHeaderNames.Via) is not { } first)
        {
            return;
        }

        var top = via.ToString();
        var rewritten = first.Contains(',') ? string.Join(", ", [top, .. HeaderValueSplitter.Split(first).Skip(1)]) : top;
        Headers.ReplaceFirst(SipHeaderNames.Via, rewritten);
        Volatile.Write(ref _topVia, new Parsed<ViaHeader?>(rewritten, via)); // known: not parsed again
    }

    private sealed record Parsed<T>(string Raw, T Value);

    /// <summary>The value parsed from <paramref name="raw"/> (the header's first line as stored), parsed again only when
    /// that line is another string than last time. One reference write: a reader on another thread sees either memo.</summary>
    private static T? Memo<T>(ref Parsed<T>? memo, string? raw, Func<string, T> parse) =>
        Memo(ref memo, raw, parse, static (parse, raw) => parse(raw));

    private static T? Memo<TState, T>(ref Parsed<T>? memo, string? raw, TState state, Func<TState, string, T> parse)
    {
        if (raw is null) return default;
        var known = Volatile.Read(ref memo);
        if (known is not null && ReferenceEquals(known.Raw, raw)) return known.Value;
        var value = parse(state, raw);
        Volatile.Write(ref memo, new Parsed<T>(raw, value));
        return value;
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
