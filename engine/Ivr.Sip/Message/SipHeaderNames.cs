namespace Ivr.Sip.Message;

/// <summary>
/// Header field names (RFC 3261 §7.3, §20): canonical spelling, compact forms (§7.3.3) and which
/// headers may carry a comma-separated list of values (§7.3.1).
/// </summary>
public static class SipHeaderNames
{
    public const string Via = "Via";
    public const string From = "From";
    public const string To = "To";
    public const string CallId = "Call-ID";
    public const string CSeq = "CSeq";
    public const string Contact = "Contact";
    public const string MaxForwards = "Max-Forwards";
    public const string ContentLength = "Content-Length";
    public const string ContentType = "Content-Type";
    public const string ContentEncoding = "Content-Encoding";
    public const string Route = "Route";
    public const string RecordRoute = "Record-Route";
    public const string Allow = "Allow";
    public const string Accept = "Accept";
    public const string Supported = "Supported";
    public const string Require = "Require";
    public const string ProxyRequire = "Proxy-Require";
    public const string Unsupported = "Unsupported";
    public const string RetryAfter = "Retry-After";
    public const string Subject = "Subject";
    public const string Date = "Date";
    public const string Expires = "Expires";
    public const string Server = "Server";
    public const string UserAgent = "User-Agent";
    public const string Event = "Event";
    public const string ReferTo = "Refer-To";
    public const string Warning = "Warning";
    public const string WwwAuthenticate = "WWW-Authenticate";
    public const string ProxyAuthenticate = "Proxy-Authenticate";
    public const string Authorization = "Authorization";
    public const string ProxyAuthorization = "Proxy-Authorization";

    private static readonly Dictionary<string, string> Canonical = BuildCanonical();

    private static readonly HashSet<string> ListHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        Via, Contact, Route, RecordRoute, Allow, Accept, "Accept-Encoding", "Accept-Language",
        Supported, Require, ProxyRequire, Unsupported, ContentEncoding, "Allow-Events", Warning,
        "In-Reply-To", "Alert-Info", "Call-Info", "Error-Info",
    };

    /// <summary>
    /// Returns the canonical spelling for a known name or compact form; unknown names are returned unchanged
    /// (their comparison stays case-insensitive).
    /// </summary>
    public static string Normalize(string name) =>
        Canonical.TryGetValue(name, out var canonical) ? canonical : name;

    private static readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> CanonicalOfSpan =
        Canonical.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary><see cref="Normalize(string)"/> of a name read from a message: a known name costs no string.</summary>
    public static string Normalize(ReadOnlySpan<char> name) =>
        CanonicalOfSpan.TryGetValue(name, out var canonical) ? canonical : name.ToString();

    /// <summary>True when the header's grammar is a comma-separated list (§7.3.1), so values may be split.</summary>
    public static bool IsList(string name) => ListHeaders.Contains(Normalize(name));

    private static Dictionary<string, string> BuildCanonical()
    {
        var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        string[] names =
        [
            Via, From, To, CallId, CSeq, Contact, MaxForwards, ContentLength, ContentType, ContentEncoding,
            Route, RecordRoute, Allow, Accept, Supported, Require, ProxyRequire, Unsupported, RetryAfter,
            Subject, Date, Expires, Server, UserAgent, Event, ReferTo, Warning,
            WwwAuthenticate, ProxyAuthenticate, Authorization, ProxyAuthorization,
        ];
        foreach (var name in names)
        {
            map[name] = name;
        }

        // §7.3.3 compact forms (plus RFC 3265 "o", RFC 3515 "r", RFC 3841 "k").
        map["v"] = Via;
        map["f"] = From;
        map["t"] = To;
        map["i"] = CallId;
        map["m"] = Contact;
        map["l"] = ContentLength;
        map["c"] = ContentType;
        map["e"] = ContentEncoding;
        map["k"] = Supported;
        map["s"] = Subject;
        map["o"] = Event;
        map["r"] = ReferTo;
        return map;
    }
}
