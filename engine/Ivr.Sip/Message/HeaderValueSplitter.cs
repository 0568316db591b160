namespace Ivr.Sip.Message;

/// <summary>
/// Splits a list header value at top-level commas (RFC 3261 §7.3.1), ignoring commas inside
/// quoted strings (with quoted-pairs) and inside angle brackets.
/// </summary>
public static class HeaderValueSplitter
{
    public static IReadOnlyList<string> Split(string value)
    {
        var parts = new List<string>();
        var inQuotes = false;
        var inAngle = false;
        var start = 0;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (inQuotes)
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == '"')
                {
                    inQuotes = false;
                }

                continue;
            }

            switch (c)
            {
                case '"':
                    inQuotes = true;
                    break;
                case '<':
                    inAngle = true;
                    break;
                case '>':
                    inAngle = false;
                    break;
                case ',' when !inAngle:
                    parts.Add(value[start..i].Trim());
                    start = i + 1;
                    break;
            }
        }

        parts.Add(value[start..].Trim());
        return parts;
    }
}
