namespace Ivr.Sip.Message;

/// <summary>Character classes of the RFC 3261 §25.1 ABNF used by the parsers.</summary>
public static class SipGrammar
{
    private const string TokenMarks = "-.!%*_+`'~";
    private const string Marks = "-_.!~*'()";

    public static bool IsTokenChar(char c) => char.IsAsciiLetterOrDigit(c) || TokenMarks.Contains(c);

    public static bool IsToken(ReadOnlySpan<char> s)
    {
        if (s.IsEmpty)
        {
            return false;
        }

        foreach (var c in s)
        {
            if (!IsTokenChar(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>unreserved = alphanum / mark.</summary>
    public static bool IsUnreserved(char c) => char.IsAsciiLetterOrDigit(c) || Marks.Contains(c);

    public static bool IsWhitespace(char c) => c is ' ' or '\t' or '\r' or '\n';

    /// <summary>Whether every character is an ASCII digit (true for none: callers check the length they allow). A span
    /// search: a lambda over a string's characters made an enumerator object per header read.</summary>
    public static bool AllDigits(ReadOnlySpan<char> s) => !s.ContainsAnyExceptInRange('0', '9');
}
