namespace Ivr.Sip.Message;

/// <summary>
/// The short strings SIP messages repeat — parameter names, transports, versions, hosts — made once and handed out again
/// instead of a new string per message (issue 13: every call's set-up parses a dozen of them several times), through one
/// process-wide <see cref="SipStringTable"/>.
/// </summary>
internal static class SipStrings
{
    private static readonly SipStringTable Shared = new(slots: 256, longest: 24);

    public static string Of(ReadOnlySpan<char> text) => Shared.Of(text);
}

/// <summary>
/// A small fixed table of strings, a slot per hash, the last string of that slot kept. A stream of new names (a hostile
/// peer's) only replaces slots: its cost stays one string per name, as without the table, and the memory held stays
/// <c>slots</c> strings of at most <c>longest</c> characters. Safe on any thread (a slot is one reference).
/// </summary>
internal sealed class SipStringTable(int slots, int longest)
{
    private readonly string?[] _table = new string?[slots];

    public string Of(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty) return string.Empty;
        if (text.Length > longest) return text.ToString();
        var slot = (int)((uint)string.GetHashCode(text) % (uint)_table.Length);
        var known = Volatile.Read(ref _table[slot]);
        if (known is not null && text.SequenceEqual(known)) return known;
        var made = text.ToString();
        Volatile.Write(ref _table[slot], made);
        return made;
    }
}
