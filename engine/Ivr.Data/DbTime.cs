using System.Globalization;

namespace Ivr.Data;

/// <summary>
/// How the database writes time: instants as ISO-8601 text in UTC with an explicit offset
/// (<c>2026-11-23T14:20:10.1234567+00:00</c>, sortable as text), dates as <c>yyyy-MM-dd</c>,
/// months as <c>yyyy-MM</c>. One place, so a PostgreSQL store can map the same values.
/// </summary>
internal static class DbTime
{
    private const string InstantFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffffzzz";

    /// <summary>The length of an instant's text (<see cref="ToText(DateTimeOffset)"/>).</summary>
    public const int InstantLength = 33;

    public static string ToText(DateTimeOffset at) => at.ToUniversalTime().ToString(InstantFormat, CultureInfo.InvariantCulture);

    /// <summary>The text of <see cref="ToText(DateTimeOffset)"/> written into <paramref name="text"/> (at least
    /// <see cref="InstantLength"/> chars, e.g. on the stack) instead of a new string; returns the part written.</summary>
    public static ReadOnlySpan<char> Format(DateTimeOffset at, Span<char> text)
    {
        if (!at.ToUniversalTime().TryFormat(text, out var written, InstantFormat, CultureInfo.InvariantCulture))
            throw new ArgumentException($"{InstantLength} chars are needed", nameof(text));
        return text[..written];
    }

    public static DateTimeOffset FromText(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);

    public static DateTimeOffset? FromNullableText(string? text) => text is null ? null : FromText(text);

    public static string ToText(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static DateOnly DateFromText(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string MonthText(int year, int month) => new DateOnly(year, month, 1).ToString("yyyy-MM", CultureInfo.InvariantCulture);
}
