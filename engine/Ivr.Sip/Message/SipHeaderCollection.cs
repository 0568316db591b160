namespace Ivr.Sip.Message;

/// <summary>
/// The ordered header fields of a message (RFC 3261 §7.3). Names compare case-insensitively and compact
/// forms are stored under their full name, so <c>Get("v")</c> and <c>Get("VIA")</c> find a <c>Via</c>.
/// </summary>
public sealed class SipHeaderCollection : IEnumerable<SipHeader>
{
    /// <summary>A call's messages carry about ten header lines: room for them in one array from the start, not arrays of
    /// 4, 8 and 16 one after the other (issue 13, session 17: ~240 B of garbage per message of a call's set-up).</summary>
    private const int TypicalCount = 12;

    private readonly List<SipHeader> _headers = new(TypicalCount);

    public int Count => _headers.Count;

    public void Add(string name, string value) => _headers.Add(new SipHeader(SipHeaderNames.Normalize(name), value));

    /// <summary>Adds a header line before all others (a new top Via).</summary>
    public void AddFirst(string name, string value) => _headers.Insert(0, new SipHeader(SipHeaderNames.Normalize(name), value));

    /// <summary>Replaces every occurrence of <paramref name="name"/> by one header, keeping the first position.</summary>
    public void Set(string name, string value)
    {
        var normalized = SipHeaderNames.Normalize(name);
        var index = IndexOf(normalized);
        Remove(normalized);
        if (index < 0 || index > _headers.Count)
        {
            _headers.Add(new SipHeader(normalized, value));
        }
        else
        {
            _headers.Insert(index, new SipHeader(normalized, value));
        }
    }

    public int Remove(string name)
    {
        var normalized = SipHeaderNames.Normalize(name);
        var kept = 0;
        for (var i = 0; i < _headers.Count; i++) // in one pass, as RemoveAll (a message may repeat a name thousands of times)
        {
            var header = _headers[i];
            if (!Matches(header, normalized)) _headers[kept++] = header;
        }

        var removed = _headers.Count - kept;
        _headers.RemoveRange(kept, removed);
        return removed;
    }

    /// <summary>Where the first line named <paramref name="normalized"/> is; -1 when none is (a loop: no closure per call).</summary>
    private int IndexOf(string normalized)
    {
        for (var i = 0; i < _headers.Count; i++)
            if (Matches(_headers[i], normalized)) return i;
        return -1;
    }

    /// <summary>Replaces the first header line named <paramref name="name"/> in place.</summary>
    public bool ReplaceFirst(string name, string value)
    {
        var normalized = SipHeaderNames.Normalize(name);
        var index = IndexOf(normalized);
        if (index < 0)
        {
            return false;
        }

        _headers[index] = new SipHeader(normalized, value);
        return true;
    }

    public bool Contains(string name) => Get(name) is not null;

    /// <summary>The value of the first header line with this name, or null.</summary>
    public string? Get(string name)
    {
        var normalized = SipHeaderNames.Normalize(name);
        foreach (var header in _headers)
        {
            if (Matches(header, normalized))
            {
                return header.Value;
            }
        }

        return null;
    }

    /// <summary>Number of header lines with this name (used to detect duplicated single-value headers).</summary>
    public int CountOf(string name)
    {
        var normalized = SipHeaderNames.Normalize(name);
        var count = 0;
        foreach (var header in _headers) // not LINQ: a closure per call, and every request is validated with it
        {
            if (Matches(header, normalized)) count++;
        }

        return count;
    }

    /// <summary>
    /// All values of this header in order; for list headers (§7.3.1) comma-separated values are split
    /// into separate entries, for others each line is one value.
    /// </summary>
    public IReadOnlyList<string> GetValues(string name)
    {
        var normalized = SipHeaderNames.Normalize(name);
        var split = SipHeaderNames.IsList(normalized);
        List<string>? values = null;
        foreach (var header in _headers)
        {
            if (!Matches(header, normalized))
            {
                continue;
            }

            if (split)
            {
                (values ??= []).AddRange(HeaderValueSplitter.Split(header.Value));
            }
            else
            {
                (values ??= []).Add(header.Value);
            }
        }

        return values ?? (IReadOnlyList<string>)[];
    }

    /// <summary>The list's own struct enumerator: a <c>foreach</c> over the collection allocates nothing.</summary>
    public List<SipHeader>.Enumerator GetEnumerator() => _headers.GetEnumerator();

    IEnumerator<SipHeader> IEnumerable<SipHeader>.GetEnumerator() => GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    private static bool Matches(SipHeader header, string normalizedName) =>
        string.Equals(header.Name, normalizedName, StringComparison.OrdinalIgnoreCase);
}
