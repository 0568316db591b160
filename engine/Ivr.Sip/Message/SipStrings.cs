namespace Ivr.Sip.Message;

/// <summary>
/// The short strings SIP messages repeat — parameter names, transports, versions, hosts — made once and handed out again
/// instead of a new string per message (issue 13: every call's set-up parses a dozen of them several times). A small
/// fixed table, a slot per hash, the last string of that slot kept: a stream of new names (a hostile peer's) only replaces
/// slots; its cost stays one string per name, as without the table, and the memory held stays <see cref="Slots"/> strings of
/// at most <see cref="Longest"/> characters.
/// </summary>
internal static class SipStrings
{
    private const int Slots = 256;
    private const int Longest = 24;
    private static readonly string?[] Table = new string?[Slots];

    public static string Of(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty) return string.Empty;
        if (text.Length > Longest) return text.ToString();
        var slot = (int)((uint)string.GetHashCode(text) % Slots);
        var known = Volatile.Read(ref Table[slot]);
        if (known is not null && text.SequenceEqual(known)) return known;
        var made = text.ToString();
        Volatile.Write(ref Table[slot], made);
        return made;
    }
}
