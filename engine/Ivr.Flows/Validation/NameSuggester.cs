namespace Ivr.Flows.Validation;

/// <summary>Finds the known name closest to a misspelt one, for "did you mean …?" in diagnostics.</summary>
public static class NameSuggester
{
    /// <summary>The closest of <paramref name="known"/> to <paramref name="written"/>, or null when none is close enough to be a typo.</summary>
    public static string? Closest(string written, IEnumerable<string> known)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in known)
        {
            var distance = Distance(written.ToLowerInvariant(), candidate.ToLowerInvariant());
            if (distance < bestDistance || (distance == bestDistance && best is not null && string.CompareOrdinal(candidate, best) < 0))
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        if (best is null) return null;
        var allowed = Math.Max(2, Math.Min(written.Length, best.Length) / 3);
        var contains = written.Length >= 3 && (best.Contains(written, StringComparison.OrdinalIgnoreCase) || written.Contains(best, StringComparison.OrdinalIgnoreCase));
        return bestDistance <= allowed || contains ? best : null;
    }

    /// <summary>" did you mean 'x'?" or nothing.</summary>
    public static string Hint(string written, IEnumerable<string> known) =>
        Closest(written, known) is { } best ? $"; did you mean '{best}'?" : "";

    /// <summary>Edit distance where swapping two neighbouring letters counts as one edit.</summary>
    public static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++) d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        }

        return d[a.Length, b.Length];
    }
}
