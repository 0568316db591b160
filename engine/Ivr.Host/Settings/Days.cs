using System.Globalization;

namespace Ivr.Host.Settings;

/// <summary>Periods as operators write them in deploy/ files (retention.yaml): <c>180d</c>, <c>26w</c>, <c>1y</c> (365 days).</summary>
internal static class Days
{
    public static bool TryParse(string text, out TimeSpan period)
    {
        period = default;
        if (text.Length < 2) return false;
        var days = text[^1] switch { 'd' => 1, 'w' => 7, 'y' => 365, _ => 0 };
        if (days == 0 || !int.TryParse(text[..^1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var count)) return false;
        period = TimeSpan.FromDays((long)count * days);
        return true;
    }
}
