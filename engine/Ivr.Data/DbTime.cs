using System.Globalization;

namespace Ivr.Data;

/// <summary>
/// How the database writes time: instants as ISO-8601 text in UTC with an explicit offset
/// (<c>2026-11-23T14:20:10.1234567+00:00</c>, sortable as text), dates as <c>yyyy-MM-dd</c>,
/// months as <c>yyyy-MM</c>. One place, so a PostgreSQL store can map the same values.
/// </summary>
internal static class DbTime
{
    public static string ToText(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fffffffzzz", CultureInfo.InvariantCulture);

    public static DateTimeOffset FromText(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);

    public static DateTimeOffset? FromNullableText(string? text) => text is null ? null : FromText(text);

    public static string ToText(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static DateOnly DateFromText(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string MonthText(int year, int month) => new DateOnly(year, month, 1).ToString("yyyy-MM", CultureInfo.InvariantCulture);
}
