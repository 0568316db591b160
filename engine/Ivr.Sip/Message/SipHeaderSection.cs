namespace Ivr.Sip.Message;

/// <summary>Locates the end of the header section and unfolds header lines (RFC 3261 §7.3.1, §7.5).</summary>
internal static class SipHeaderSection
{
    /// <summary>
    /// Finds the empty line ending the headers. Returns the index where the header text ends and where
    /// the body begins, or null when there is none. Accepts CRLF and, leniently, bare LF line ends.
    /// </summary>
    public static (int HeaderEnd, int BodyStart)? Find(ReadOnlySpan<byte> data, int start)
    {
        var crlf = data[start..].IndexOf("\r\n\r\n"u8);
        var lf = data[start..].IndexOf("\n\n"u8);
        if (crlf >= 0 && (lf < 0 || crlf <= lf + 1))
        {
            return (start + crlf, start + crlf + 4);
        }

        return lf >= 0 ? (start + lf, start + lf + 2) : null;
    }

    /// <summary>Splits header text into logical lines, joining continuation lines that start with SP or HT.</summary>
    public static List<string> UnfoldLines(string text)
    {
        var lines = new List<string>();
        var reader = new HeaderLineReader(text);
        while (reader.Read(out var line))
        {
            lines.Add(line.ToString());
        }

        return lines;
    }
}

/// <summary>
/// Reads header text one logical line at a time (RFC 3261 §7.3.1): a line is what lies between '\n's with its trailing
/// '\r's removed, and a line after the first that starts with SP or HT continues the one before it (joined with one space,
/// its leading whitespace dropped). A line is a slice of the text; only a folded line is a new string. Text with no '\n'
/// is one line; empty text is one empty line. The text may be a pooled buffer (<see cref="SipParser"/>): a line does not
/// outlive it.
/// </summary>
internal ref struct HeaderLineReader(ReadOnlySpan<char> text)
{
    private readonly ReadOnlySpan<char> _text = text;

    private int _next;

    public bool Read(out ReadOnlySpan<char> line)
    {
        if (_next > _text.Length)
        {
            line = default;
            return false;
        }

        line = NextPhysical();
        if (!ContinuationFollows())
        {
            return true;
        }

        var folded = new System.Text.StringBuilder().Append(line);
        while (ContinuationFollows())
        {
            folded.Append(' ').Append(NextPhysical().TrimStart(" \t"));
        }

        line = folded.ToString();
        return true;
    }

    private ReadOnlySpan<char> NextPhysical()
    {
        var rest = _text[_next..];
        var end = rest.IndexOf('\n');
        var physical = end < 0 ? rest : rest[..end];
        _next += end < 0 ? rest.Length + 1 : end + 1;
        return physical.TrimEnd('\r');
    }

    private readonly bool ContinuationFollows() => _next < _text.Length && _text[_next] is ' ' or '\t';
}
