namespace Ivr.Sip.Message;

/// <summary>
/// Parses and looks up <c>*( SEMI generic-param )</c> header parameters (RFC 3261 §25.1), with the
/// linear whitespace the grammar allows around ";" and "=". Values may be tokens, hosts or quoted strings
/// (kept with their quotes).
/// </summary>
public static class SipParameterList
{
    public static ParseResult<IReadOnlyList<SipParameter>> Parse(string text)
    {
        List<SipParameter>? list = null; // none: the shared empty list
        var i = 0;
        while (true)
        {
            SkipWhitespace(text, ref i);
            if (i >= text.Length)
            {
                return ParseResult<IReadOnlyList<SipParameter>>.Ok(list ?? (IReadOnlyList<SipParameter>)[]);
            }

            if (text[i] != ';')
            {
                return ParseResult<IReadOnlyList<SipParameter>>.Fail($"expected ';' before parameter at '{Excerpt(text, i)}'");
            }

            i++;
            SkipWhitespace(text, ref i);
            var nameStart = i;
            while (i < text.Length && SipGrammar.IsTokenChar(text[i]))
            {
                i++;
            }

            if (i == nameStart)
            {
                return ParseResult<IReadOnlyList<SipParameter>>.Fail("empty parameter");
            }

            var name = SipStrings.Of(text.AsSpan(nameStart, i - nameStart)); // tag, branch, rport, received, lr …
            SkipWhitespace(text, ref i);
            string? value = null;
            if (i < text.Length && text[i] == '=')
            {
                i++;
                SkipWhitespace(text, ref i);
                var read = ReadValue(text, ref i);
                if (!read.IsSuccess)
                {
                    return ParseResult<IReadOnlyList<SipParameter>>.Fail(read.Error!);
                }

                value = read.Value;
            }

            (list ??= new List<SipParameter>(4)).Add(new SipParameter(name, value));
        }
    }

    public static SipParameter? Find(IReadOnlyList<SipParameter> parameters, string name)
    {
        for (var i = 0; i < parameters.Count; i++) // by index: foreach over the interface boxes an enumerator
        {
            var p = parameters[i];
            if (string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return p;
            }
        }

        return null;
    }

    public static string Format(IReadOnlyList<SipParameter> parameters)
    {
        if (parameters.Count == 0) return string.Empty;
        var builder = new System.Text.StringBuilder();
        foreach (var parameter in parameters)
        {
            builder.Append(';').Append(parameter.Name);
            if (parameter.Value is not null) builder.Append('=').Append(parameter.Value);
        }

        return builder.ToString();
    }

    /// <summary>Returns a copy with <paramref name="name"/> set (replaced in its place, or appended).</summary>
    public static IReadOnlyList<SipParameter> With(IReadOnlyList<SipParameter> parameters, string name, string? value)
    {
        var list = new List<SipParameter>(parameters.Count + 1);
        var placed = false;
        foreach (var parameter in parameters)
        {
            if (!string.Equals(parameter.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                list.Add(parameter);
            }
            else if (!placed)
            {
                list.Add(new SipParameter(name, value));
                placed = true;
            }
        }

        if (!placed)
        {
            list.Add(new SipParameter(name, value));
        }

        return list;
    }

    private static ParseResult<string> ReadValue(string text, ref int i)
    {
        if (i < text.Length && text[i] == '"')
        {
            var start = i;
            i++;
            while (i < text.Length && text[i] != '"')
            {
                i += text[i] == '\\' ? 2 : 1;
            }

            if (i >= text.Length)
            {
                return ParseResult<string>.Fail("unterminated quoted parameter value");
            }

            i++;
            return ParseResult<string>.Ok(text[start..i]);
        }

        var valueStart = i;
        while (i < text.Length && (SipGrammar.IsTokenChar(text[i]) || text[i] is ':' or '[' or ']'))
        {
            i++;
        }

        return i == valueStart
            ? ParseResult<string>.Fail("empty parameter value")
            : ParseResult<string>.Ok(text[valueStart..i]);
    }

    private static void SkipWhitespace(string text, ref int i)
    {
        while (i < text.Length && SipGrammar.IsWhitespace(text[i]))
        {
            i++;
        }
    }

    private static string Excerpt(string text, int i) => text.Length - i > 20 ? text.Substring(i, 20) : text[i..];
}
