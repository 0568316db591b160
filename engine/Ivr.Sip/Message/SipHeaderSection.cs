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
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.Length > 0 && line[0] is ' ' or '\t' && lines.Count > 0)
            {
                lines[^1] = lines[^1] + " " + line.TrimStart(' ', '\t');
            }
            else
            {
                lines.Add(line);
            }
        }

        return lines;
    }
}
