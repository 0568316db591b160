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

        var parts = line.Split(' ');
        if (parts.Length != 3 || parts[0].Length == 0 || parts[1].Length == 0 || parts[2].Length == 0)
        {
            return ParseResult<SipMessage>.Fail($"malformed Request-Line (must be 'Method SP Request-URI SP SIP-Version'): '{Truncate(line)}'");
        }

        if (!SipGrammar.IsToken(parts[0]))
        {
            return ParseResult<SipMessage>.Fail($"invalid method '{Truncate(parts[0])}'");
        }

        if (!IsVersion(parts[2]))
        {
            return ParseResult<SipMessage>.Fail($"invalid SIP-Version '{Truncate(parts[2])}'");
        }

        var uri = SipUri.Parse(parts[1]);
        if (!uri.IsSuccess)
        {
            return ParseResult<SipMessage>.Fail($"invalid Request-URI: {uri.Error}");
        }

        return ParseResult<SipMessage>.Ok(new SipRequest(parts[0], uri.Value!) { Version = parts[2].ToUpperInvariant() });
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
        var version = first < 0 ? line : line[..first];
        var code = first < 0 ? string.Empty : second < 0 ? line[(first + 1)..] : line[(first + 1)..second];
        var reason = second < 0 ? string.Empty : line[(second + 1)..];
        if (!IsVersion(version))
        {
            return ParseResult<SipMessage>.Fail($"invalid SIP-Version '{Truncate(version)}'");
        }

        if (code.Length != 3 || !SipGrammar.AllDigits(code) || code[0] is < '1' or > '6')
        {
            return ParseResult<SipMessage>.Fail($"invalid Status-Code '{Truncate(code)}' (must be 3 digits, 100-699)");
        }

        return ParseResult<SipMessage>.Ok(new SipResponse(int.Parse(code, System.Globalization.CultureInfo.InvariantCulture), reason)
        {
            Version = version.ToUpperInvariant(),
        });
    }

    private static bool IsVersion(string text)
    {
        if (!text.StartsWith("SIP/", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var numbers = text.AsSpan(4);
        var dot = numbers.IndexOf('.');
        return dot >= 0 && IsVersionNumber(numbers[..dot]) && IsVersionNumber(numbers[(dot + 1)..]);
    }

    private static bool IsVersionNumber(ReadOnlySpan<char> number) =>
        number.Length is > 0 and < 4 && SipGrammar.AllDigits(number);

    private static string Truncate(string text) => text.Length > 60 ? text[..60] + "…" : text;
}
