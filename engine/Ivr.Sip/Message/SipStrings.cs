namespace Ivr.Sip.Message;

/// <summary>
/// The short strings SIP messages repeat — parameter names, transports, versions, hosts — made once and handed out again
/// instead of a new string per message (issue 13: every call's set-up parses a dozen of them several times), through one
/// process-wide <see cref="SipStringTable"/>.
/// </summary>
internal static class SipStrings
{
    private static readonly SipStringTable Shared = new(slots: 1024, longest: 24);

    public static string Of(ReadOnlySpan<char> text) => Shared.Of(text);
}

/// <summary>
/// A small fixed table of strings: a hash picks a bucket of <see cref="Ways"/> slots, a text found in any of them is
/// handed out again, a new one takes a free slot of its bucket or else replaces one. A stream of new names (a hostile
/// peer's) only replaces slots: its cost stays one string per name, as without the table, and the memory held stays
/// <c>slots</c> strings of at most <c>longest</c> characters. Buckets of several slots, because .NET randomises string
/// hashes per process: with one slot per hash, two of a call's common strings (<c>RTP/AVP</c>, a codec's number) would
/// share a slot in some processes and replace each other at every message, a fresh string per call again.
/// Safe on any thread (a slot is one reference; a race only makes one string twice).
/// </summary>
internal sealed class SipStringTable
{
    /// <summary>Slots per bucket.</summary>
    public const int Ways = 4;

    private readonly string?[] _table;
    private readonly int _buckets;
    private readonly int _ways;
    private readonly int _longest;

    public SipStringTable(int slots, int longest)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(slots, 1);
        _ways = Math.Min(Ways, slots);
        _buckets = slots / _ways;
        _table = new string?[_buckets * _ways];
        _longest = longest;
    }

    public string Of(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty) return string.Empty;
        if (text.Length > _longest) return text.ToString();
        var hash = (uint)string.GetHashCode(text);
        var first = (int)(hash % (uint)_buckets) * _ways;
        var free = -1;
        for (var way = 0; way < _ways; way++)
        {
            var known = Volatile.Read(ref _table[first + way]);
            if (known is null)
            {
                if (free < 0) free = way;
            }
            else if (text.SequenceEqual(known))
            {
                return known;
            }
        }

        var made = text.ToString();
        var slot = free >= 0 ? free : (int)(hash / (uint)_buckets % (uint)_ways);
        Volatile.Write(ref _table[first + slot], made);
        return made;
    }
}
