using System.Collections.Concurrent;

namespace Ivr.Host.Metrics;

/// <summary>
/// Keeps a label's values to a bounded set, so no input can grow the metrics without end: either a fixed list
/// (anything else is <c>other</c>), or the first <c>limit</c> distinct values seen (later new ones are <c>other</c>).
/// Values are reduced to lower-case letters, digits and <c>_ . -</c> (anything else becomes <c>_</c>) and cut to 40
/// characters; an empty value is <c>none</c>.
/// </summary>
public sealed class BoundedLabel
{
    public const string Other = "other";

    private const int MaxLength = 40;

    private readonly ConcurrentDictionary<string, string> _seen = new(StringComparer.Ordinal);
    private readonly object _gate = new();
    private readonly int _limit;
    private readonly bool _fixed;

    /// <summary>Values are the first <paramref name="limit"/> distinct ones seen.</summary>
    public BoundedLabel(int limit)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        _limit = limit;
    }

    /// <summary>Values are <paramref name="allowed"/> only.</summary>
    public BoundedLabel(IEnumerable<string> allowed)
    {
        foreach (var value in allowed) _seen[value] = Clean(value);
        _limit = _seen.Count;
        _fixed = true;
    }

    public string Of(string? value)
    {
        value ??= "";
        if (_seen.TryGetValue(value, out var known)) return known;
        if (_fixed) return Other;
        lock (_gate)
        {
            if (_seen.TryGetValue(value, out known)) return known;
            return _seen.Count < _limit ? _seen[value] = Clean(value) : Other;
        }
    }

    private static string Clean(string value)
    {
        if (value.Length == 0) return "none";
        var chars = value.ToLowerInvariant().Take(MaxLength)
            .Select(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-' ? c : '_').ToArray();
        return new string(chars);
    }
}
