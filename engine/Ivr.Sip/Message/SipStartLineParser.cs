namespace Ivr.Sip.Message;

/// <summary>
/// Parses a Request-Line (§7.1: exactly single spaces, no LWS in the Request-URI) or a Status-Line
/// (§7.2: 3-digit code, possibly empty UTF-8 reason phrase).
/// </summary>
internal static class SipStartLineParser
{
    public static ParseResult<SipMessage> Parse(string line)
    {
        if (line.StartsWith("SIP/", StringComparison.OrdinalIgnoreCase))
        {
            return ParseStatusLine(line);
        }

        // Exactly three parts between single spaces; the method and the version are the table's strings (INVITE, SIP/2.0):
        // only the Request-URI is a new one (a split made an array and three, issue 13).
        var first = line.IndexOf(' ');
        var second = first < 0 ? -1 : line.IndexOf(' ', first + 1);
        if (first <= 0 || second <= first + 1 || second == line.Length - 1 || line.IndexOf(' ', second + 1) >= 0)
        {
            return ParseResult<SipMessage>.Fail($"malformed Request-Line (must be 'Method SP Request-URI SP SIP-Version'): '{Truncate(line)}'");
        }

        var method = line.AsSpan(0, first);
        if (!SipGrammar.IsToken(method))
        {
            return ParseResult<SipMessage>.Fail($"invalid method '{Truncate(method.ToString())}'");
        }

        var version = line.AsSpan(second + 1);
        if (!IsVersion(version))
        {
            return ParseResult<SipMessage>.Fail($"invalid SIP-Version '{Truncate(version.ToString())}'");
        }

        var uri = SipUri.Parse(line[(first + 1)..second]);
        if (!uri.IsSuccess)
        {
            return ParseResult<SipMessage>.Fail($"invalid Request-URI: {uri.Error}");
        }

        return ParseResult<SipMessage>.Ok(new SipRequest(SipStrings.Of(method), uri.Value!) { Version = UpperVersion(version) });
    }

    /// <summary>The version in capitals, the table's string (one per process for <c>SIP/2.0</c>).</summary>
    private static string UpperVersion(ReadOnlySpan<char> version)
    {
        Span<char> upper = stackalloc char[version.Length];
        version.ToUpperInvariant(upper);
        return SipStrings.Of(upper);
    }

    /// <summary>
    /// For a malformed Request-Line that still starts with a method token, returns a placeholder request
    /// (Request-URI "sip:invalid") so the headers can be read and a 400 sent back (RFC 4475 §3.1.2.11–14).
    /// </summary>
    public static SipRequest? SalvageRequest(string line)
    {
        var space = line.IndexOf(' ');
        if (space <= 0 || line.StartsWith("SIP/", StringComparison.OrdinalIgnoreCase) || !SipGrammar.IsToken(line.AsSpan(0, space)))
        {
            return null;
        }

        return new SipRequest(line[..space], SipUri.ForHost("invalid"));
    }

    private static ParseResult<SipMessage> ParseStatusLine(string line)
    {
        var first = line.IndexOf(' ');
        var second = first < 0 ? -1 : line.IndexOf(' ', first + 1);
        var version = first < 0 ? line.AsSpan() : line.AsSpan(0, first);
        var code = first < 0 ? [] : second < 0 ? line.AsSpan(first + 1) : line.AsSpan(first + 1, second - first - 1);
        if (!IsVersion(version))
        {
            return ParseResult<SipMessage>.Fail($"invalid SIP-Version '{Truncate(version.ToString())}'");
        }

        if (code.Length != 3 || !SipGrammar.AllDigits(code) || code[0] is < '1' or > '6')
        {
            return ParseResult<SipMessage>.Fail($"invalid Status-Code '{Truncate(code.ToString())}' (must be 3 digits, 100-699)");
        }

        var reason = second < 0 ? string.Empty : SipStrings.Of(line.AsSpan(second + 1)); // OK, Ringing …: the table's
        return ParseResult<SipMessage>.Ok(new SipResponse(int.Parse(code, System.Globalization.CultureInfo.InvariantCulture), reason)
        {
            Version = UpperVersion(version),
        });
    }

    private static bool IsVersion(ReadOnlySpan<char> text)
    {
        if (!text.StartsWith("SIP/", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var numbers = text[4..];
        var dot = numbers.IndexOf('.');
        return dot >= 0 && IsVersionNumber(numbers[..dot]) && IsVersionNumber(numbers[(dot + 1)..]);
    }

    private static bool IsVersionNumber(ReadOnlySpan<char> number) =>
        number.Length is > 0 and < 4 && SipGrammar.AllDigits(number);

    private static string Truncate(string text) => text.Length > 60 ? text[..60] + "…" : text;
}
