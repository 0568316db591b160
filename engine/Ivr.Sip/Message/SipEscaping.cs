using System.Text;

namespace Ivr.Sip.Message;

/// <summary>Percent-escaping of URI components (RFC 3261 §19.1.2, §25.1 "escaped").</summary>
public static class SipEscaping
{
    /// <summary>Decodes %HH escapes (bytes, then UTF-8). Fails on a malformed escape.</summary>
    public static ParseResult<string> Unescape(string value)
    {
        if (!value.Contains('%'))
        {
            return ParseResult<string>.Ok(value);
        }

        var bytes = new List<byte>(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c != '%')
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(c.ToString()));
                continue;
            }

            if (i + 2 >= value.Length || !char.IsAsciiHexDigit(value[i + 1]) || !char.IsAsciiHexDigit(value[i + 2]))
            {
                return ParseResult<string>.Fail($"malformed escape at position {i} in '{value}'");
            }

            bytes.Add(Convert.ToByte(value.Substring(i + 1, 2), 16));
            i += 2;
        }

        return ParseResult<string>.Ok(Encoding.UTF8.GetString(bytes.ToArray()));
    }

    /// <summary>Escapes every character that is neither unreserved nor in <paramref name="allowed"/>.</summary>
    public static string Escape(string value, string allowed)
    {
        var kept = 0;
        while (kept < value.Length && IsKept(value[kept], allowed)) kept++;
        if (kept == value.Length)
        {
            return value; // the usual case: nothing to escape, no copy
        }

        var builder = new StringBuilder(value.Length);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            if (IsKept((char)b, allowed))
            {
                builder.Append((char)b);
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2"));
            }
        }

        return builder.ToString();
    }

    /// <summary>An ASCII character written as itself: unreserved or in <paramref name="allowed"/>.</summary>
    private static bool IsKept(char c, string allowed) => c < 0x80 && (SipGrammar.IsUnreserved(c) || allowed.Contains(c));

    /// <summary>True when every character is unreserved, in <paramref name="allowed"/>, or part of a well-formed %HH.</summary>
    public static bool IsValidEscapedText(string value, string allowed)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c == '%')
            {
                if (i + 2 >= value.Length || !char.IsAsciiHexDigit(value[i + 1]) || !char.IsAsciiHexDigit(value[i + 2]))
                {
                    return false;
                }

                i += 2;
            }
            else if (!SipGrammar.IsUnreserved(c) && !allowed.Contains(c))
            {
                return false;
            }
        }

        return true;
    }
}
