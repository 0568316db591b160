namespace Ivr.Sip.Auth;

/// <summary>
/// The <c>auth-param *("," auth-param)</c> list of a challenge or credentials (RFC 2617 §1.2, RFC 7235 §2.1):
/// <c>name=token</c> or <c>name="quoted string"</c> (backslash escapes removed), names without case.
/// A repeated name, a missing '=', an unterminated quote or junk after a value fail with a reason.
/// </summary>
internal static class AuthParameters
{
    public static ParseResult<Dictionary<string, string>> Parse(string text)
    {
        var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var i = 0;
        while (true)
        {
            SkipSeparators(text, ref i);
            if (i >= text.Length)
            {
                return ParseResult<Dictionary<string, string>>.Ok(map);
            }

            var start = i;
            while (i < text.Length && SipGrammar.IsTokenChar(text[i]))
            {
                i++;
            }

            var name = text[start..i];
            SkipWhitespace(text, ref i);
            if (name.Length == 0 || i >= text.Length || text[i] != '=')
            {
                return Fail($"expected name=value at '{Excerpt(text, start)}'");
            }

            i++;
            SkipWhitespace(text, ref i);
            var value = i < text.Length && text[i] == '"' ? ReadQuoted(text, ref i) : ReadToken(text, ref i);
            if (value is null)
            {
                return Fail($"unterminated quoted value of '{name}'");
            }

            SkipWhitespace(text, ref i);
            if (i < text.Length && text[i] != ',')
            {
                return Fail($"unexpected '{Excerpt(text, i)}' after the value of '{name}'");
            }

            if (!map.TryAdd(name, value))
            {
                return Fail($"parameter '{name}' appears twice");
            }
        }
    }

    private static string? ReadQuoted(string text, ref int i)
    {
        var builder = new System.Text.StringBuilder();
        for (i++; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '"')
            {
                i++;
                return builder.ToString();
            }

            if (c == '\\' && i + 1 < text.Length)
            {
                c = text[++i];
            }

            builder.Append(c);
        }

        return null;
    }

    private static string ReadToken(string text, ref int i)
    {
        var start = i;
        while (i < text.Length && text[i] != ',' && !char.IsWhiteSpace(text[i]))
        {
            i++;
        }

        return text[start..i];
    }

    private static void SkipSeparators(string text, ref int i)
    {
        while (i < text.Length && (text[i] == ',' || char.IsWhiteSpace(text[i])))
        {
            i++;
        }
    }

    private static void SkipWhitespace(string text, ref int i)
    {
        while (i < text.Length && char.IsWhiteSpace(text[i]))
        {
            i++;
        }
    }

    private static string Excerpt(string text, int at) => text.Length - at > 20 ? text.Substring(at, 20) + "…" : text[at..];

    private static ParseResult<Dictionary<string, string>> Fail(string error) => ParseResult<Dictionary<string, string>>.Fail(error);
}
