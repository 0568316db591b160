using System.Buffers;
namespace Ivr.Sip.Message;

/// <summary>Parses <see cref="SipUri"/> text per the RFC 3261 §25.1 SIP-URI / SIPS-URI / absoluteURI rules.</summary>
internal static class SipUriParser
{
    // RFC 3986 §3.1 scheme characters; what a URI may not hold unescaped here (besides whitespace, controls and non-ASCII).
    private static readonly SearchValues<char> s_schemeChars = SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+-.");
    private static readonly SearchValues<char> s_uriDelimiters = SearchValues.Create("<>\"");

    public static ParseResult<SipUri> Parse(string text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return ParseResult<SipUri>.Fail("empty URI");
        }

        var colon = text.IndexOf(':');
        if (colon <= 0)
        {
            return ParseResult<SipUri>.Fail($"URI has no scheme: '{text}'");
        }

        var scheme = text[..colon];
        if (!char.IsAsciiLetter(scheme[0]) || scheme.AsSpan().ContainsAnyExcept(s_schemeChars))
        {
            return ParseResult<SipUri>.Fail($"invalid URI scheme '{scheme}'");
        }

        var rest = text[(colon + 1)..];
        if (rest.Length == 0 || rest.AsSpan().ContainsAnyExceptInRange('!', '~') || rest.AsSpan().ContainsAny(s_uriDelimiters))
        {
            return ParseResult<SipUri>.Fail($"URI contains whitespace, control or delimiter characters: '{text}'");
        }

        if (!scheme.Equals("sip", StringComparison.OrdinalIgnoreCase) && !scheme.Equals("sips", StringComparison.OrdinalIgnoreCase))
        {
            return ParseResult<SipUri>.Ok(SipUri.CreateOpaque(scheme, rest));
        }

        return ParseSip(scheme, rest);
    }

    private static ParseResult<SipUri> ParseSip(string scheme, string rest)
    {
        string? user = null;
        string? password = null;
        var at = rest.IndexOf('@');
        if (at >= 0)
        {
            var userInfo = rest[..at];
            rest = rest[(at + 1)..];
            var colon = userInfo.IndexOf(':');
            var rawUser = colon >= 0 ? userInfo[..colon] : userInfo;
            if (rawUser.Length == 0 || !SipEscaping.IsValidEscapedText(rawUser, SipUri.UserCharacters))
            {
                return ParseResult<SipUri>.Fail($"invalid user part '{rawUser}'");
            }

            var decodedUser = SipEscaping.Unescape(rawUser);
            if (!decodedUser.IsSuccess)
            {
                return ParseResult<SipUri>.Fail(decodedUser.Error!);
            }

            user = decodedUser.Value;
            if (colon >= 0)
            {
                var rawPassword = userInfo[(colon + 1)..];
                var decodedPassword = SipEscaping.Unescape(rawPassword);
                if (!SipEscaping.IsValidEscapedText(rawPassword, "&=+$,") || !decodedPassword.IsSuccess)
                {
                    return ParseResult<SipUri>.Fail("invalid password part");
                }

                password = decodedPassword.Value;
            }
        }

        string? headerText = null;
        var question = rest.IndexOf('?');
        if (question >= 0)
        {
            headerText = rest[(question + 1)..];
            rest = rest[..question];
        }

        string? paramText = null;
        var semicolon = rest.IndexOf(';');
        if (semicolon >= 0)
        {
            paramText = rest[(semicolon + 1)..];
            rest = rest[..semicolon];
        }

        var hostPort = ParseHostPort(rest);
        if (!hostPort.IsSuccess)
        {
            return ParseResult<SipUri>.Fail(hostPort.Error!);
        }

        var parameters = ParsePairs(paramText, ';', SipUri.ParamCharacters, "parameter");
        if (!parameters.IsSuccess)
        {
            return ParseResult<SipUri>.Fail(parameters.Error!);
        }

        var headers = ParsePairs(headerText, '&', SipUri.HeaderCharacters, "header");
        if (!headers.IsSuccess)
        {
            return ParseResult<SipUri>.Fail(headers.Error!);
        }

        var (host, port) = hostPort.Value;
        return ParseResult<SipUri>.Ok(new SipUri(scheme, user, host, port, parameters.Value, headers.Value, password));
    }

    private static readonly System.Buffers.SearchValues<char> HostnameCharacters =
        System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-.");

    /// <summary>hostport = host [ ":" port ]; host = hostname / IPv4address / IPv6reference. The host is the one string made
    /// (<see cref="SipStrings"/>: the same hosts come back in every message).</summary>
    internal static ParseResult<(string Host, int? Port)> ParseHostPort(ReadOnlySpan<char> text)
    {
        ReadOnlySpan<char> host;
        ReadOnlySpan<char> portText;
        if (text.StartsWith('['))
        {
            var close = text.IndexOf(']');
            if (close < 0 || !System.Net.IPAddress.TryParse(text[1..close], out var v6)
                || v6.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6)
            {
                return ParseResult<(string, int?)>.Fail($"invalid IPv6 reference in '{text}'");
            }

            host = text[..(close + 1)];
            portText = text[(close + 1)..];
        }
        else
        {
            var colon = text.IndexOf(':');
            host = colon >= 0 ? text[..colon] : text;
            portText = colon >= 0 ? text[colon..] : [];
            if (host.Length == 0 || host.ContainsAnyExcept(HostnameCharacters))
            {
                return ParseResult<(string, int?)>.Fail($"invalid host '{host}'");
            }
        }

        if (portText.Length == 0)
        {
            return ParseResult<(string, int?)>.Ok((SipStrings.Of(host), null));
        }

        if (portText[0] != ':' || portText.Length > 6 || !SipGrammar.AllDigits(portText[1..])
            || !int.TryParse(portText[1..], out var port) || port > 65535)
        {
            return ParseResult<(string, int?)>.Fail($"invalid port '{portText}'");
        }

        return ParseResult<(string, int?)>.Ok((SipStrings.Of(host), port));
    }

    private static ParseResult<IReadOnlyList<SipParameter>> ParsePairs(string? text, char separator, string allowed, string what)
    {
        if (text is null)
        {
            return ParseResult<IReadOnlyList<SipParameter>>.Ok([]); // the shared empty list: most URIs have no parameters or headers
        }

        var list = new List<SipParameter>();

        foreach (var item in text.Split(separator))
        {
            var equals = item.IndexOf('=');
            var rawName = equals >= 0 ? item[..equals] : item;
            var rawValue = equals >= 0 ? item[(equals + 1)..] : null;
            if (rawName.Length == 0 || !SipEscaping.IsValidEscapedText(rawName, allowed)
                || (rawValue is not null && !SipEscaping.IsValidEscapedText(rawValue, allowed)))
            {
                return ParseResult<IReadOnlyList<SipParameter>>.Fail($"invalid URI {what} '{item}'");
            }

            var name = SipEscaping.Unescape(rawName);
            var value = rawValue is null ? ParseResult<string>.Ok(null!) : SipEscaping.Unescape(rawValue);
            if (!name.IsSuccess || !value.IsSuccess)
            {
                return ParseResult<IReadOnlyList<SipParameter>>.Fail($"invalid escape in URI {what} '{item}'");
            }

            list.Add(new SipParameter(name.Value!, value.Value));
        }

        return ParseResult<IReadOnlyList<SipParameter>>.Ok(list);
    }
}
