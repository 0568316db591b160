using System.Text;

namespace Ivr.Sip.Message;

/// <summary>Parses name-addr / addr-spec header values (RFC 3261 §20.10, §25.1).</summary>
internal static class NameAddressParser
{
    public static ParseResult<NameAddress> Parse(string text)
    {
        var value = text.Trim();
        if (value.Length == 0)
        {
            return ParseResult<NameAddress>.Fail("empty address");
        }

        string? displayName = null;
        var i = 0;
        if (value[0] == '"')
        {
            var quoted = ReadQuoted(value, ref i);
            if (!quoted.IsSuccess)
            {
                return ParseResult<NameAddress>.Fail(quoted.Error!);
            }

            displayName = quoted.Value;
            while (i < value.Length && SipGrammar.IsWhitespace(value[i]))
            {
                i++;
            }

            if (i >= value.Length || value[i] != '<')
            {
                return ParseResult<NameAddress>.Fail("quoted display name must be followed by <URI>");
            }
        }
        else
        {
            var angle = value.IndexOf('<');
            if (angle < 0)
            {
                return ParseAddrSpec(value);
            }

            var name = value[..angle].Trim();
            if (!IsTokensAndWhitespace(name))
            {
                return ParseResult<NameAddress>.Fail($"unquoted display name contains non-token characters: '{name}'");
            }

            displayName = name.Length == 0 ? null : name;
            i = angle;
        }

        var close = value.IndexOf('>', i);
        if (close < 0)
        {
            return ParseResult<NameAddress>.Fail("missing '>' after URI");
        }

        var uri = SipUri.Parse(value[(i + 1)..close]);
        if (!uri.IsSuccess)
        {
            return ParseResult<NameAddress>.Fail(uri.Error!);
        }

        var parameters = SipParameterList.Parse(value[(close + 1)..]);
        return parameters.IsSuccess
            ? ParseResult<NameAddress>.Ok(new NameAddress(uri.Value!, displayName, parameters.Value))
            : ParseResult<NameAddress>.Fail(parameters.Error!);
    }

    private static ParseResult<NameAddress> ParseAddrSpec(string value)
    {
        var semicolon = value.IndexOf(';');
        var uriText = (semicolon >= 0 ? value[..semicolon] : value).Trim();
        if (uriText.Contains('?') || uriText.Contains(','))
        {
            // §20.10: a URI containing a comma, question mark or semicolon must be enclosed in angle brackets.
            return ParseResult<NameAddress>.Fail($"addr-spec containing '?' or ',' must be in name-addr form: '{uriText}'");
        }

        var uri = SipUri.Parse(uriText);
        if (!uri.IsSuccess)
        {
            return ParseResult<NameAddress>.Fail(uri.Error!);
        }

        var parameters = SipParameterList.Parse(semicolon >= 0 ? value[semicolon..] : string.Empty);
        return parameters.IsSuccess
            ? ParseResult<NameAddress>.Ok(new NameAddress(uri.Value!, null, parameters.Value))
            : ParseResult<NameAddress>.Fail(parameters.Error!);
    }

    /// <summary>Reads a quoted-string starting at <paramref name="i"/>, resolving quoted-pairs.</summary>
    private static ParseResult<string> ReadQuoted(string value, ref int i)
    {
        var builder = new StringBuilder();
        i++;
        while (i < value.Length)
        {
            var c = value[i];
            if (c == '\\' && i + 1 < value.Length)
            {
                builder.Append(value[i + 1]);
                i += 2;
                continue;
            }

            if (c == '"')
            {
                i++;
                return ParseResult<string>.Ok(builder.ToString());
            }

            builder.Append(c);
            i++;
        }

        return ParseResult<string>.Fail("unterminated quoted display name");
    }

    private static bool IsTokensAndWhitespace(string text)
    {
        foreach (var c in text) // over the string itself: no enumerator object
        {
            if (!SipGrammar.IsTokenChar(c) && !SipGrammar.IsWhitespace(c)) return false;
        }

        return true;
    }
}
