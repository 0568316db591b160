using System.Globalization;

namespace Ivr.Flows.Model;

/// <summary>Durations as editors write them: <c>5s</c>, <c>500ms</c>, <c>2m</c>, or a plain number of seconds.</summary>
public static class Duration
{
    public static bool TryParse(string? text, out TimeSpan value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var s = text.Trim();
        var (number, scale) = s.EndsWith("ms", StringComparison.Ordinal) ? (s[..^2], 0.001)
            : s.EndsWith('s') ? (s[..^1], 1.0)
            : s.EndsWith('m') ? (s[..^1], 60.0)
            : s.EndsWith('h') ? (s[..^1], 3600.0)
            : (s, 1.0);
        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) || n < 0 || double.IsInfinity(n)) return false;
        value = TimeSpan.FromSeconds(n * scale);
        return true;
    }

    public static string Format(TimeSpan value) =>
        value.TotalMilliseconds % 1000 == 0
            ? $"{(long)value.TotalSeconds}s"
            : $"{(long)value.TotalMilliseconds}ms";
}
