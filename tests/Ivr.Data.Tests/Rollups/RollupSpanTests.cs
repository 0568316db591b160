using Ivr.Data.Rollups;

namespace Ivr.Data.Tests.Rollups;

/// <summary>A range of days split into the whole months read from their sums and the days around them.</summary>
public sealed class RollupSpanTests
{
    [Theory]
    [InlineData("2025-12-04", "2026-12-03", "2025-12-04", "2025-12-31", "2026-01", "2026-11", "2026-12-01", "2026-12-03")]
    [InlineData("2026-11-01", "2026-11-30", "9999-12-31", "0000-01-01", "2026-11", "2026-11", "2026-12-01", "2026-11-30")]
    [InlineData("2026-02-01", "2026-03-31", "9999-12-31", "0000-01-01", "2026-02", "2026-03", "2026-04-01", "2026-03-31")]
    [InlineData("2026-11-02", "2026-11-30", "2026-11-02", "2026-11-30", "9999-12", "0000-01", "9999-12-31", "0000-01-01")]
    [InlineData("2026-11-23", "2026-11-23", "2026-11-23", "2026-11-23", "9999-12", "0000-01", "9999-12-31", "0000-01-01")]
    public void Of_SplitsARange_IntoWholeMonthsAndTheDaysAroundThem(string from, string to, string headFrom, string headTo, string firstMonth, string lastMonth, string tailFrom, string tailTo)
    {
        var span = RollupSpan.Of(DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture), DateOnly.Parse(to, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(Range(headFrom, headTo), Range(span.HeadFrom, span.HeadTo));
        Assert.Equal(Range(firstMonth, lastMonth), Range(span.FirstMonth, span.LastMonth));
        Assert.Equal(Range(tailFrom, tailTo), Range(span.TailFrom, span.TailTo));
    }

    /// <summary>A range as written, or "empty" for any whose start comes after its end.</summary>
    private static string Range(string from, string to) => string.CompareOrdinal(from, to) <= 0 ? $"{from}..{to}" : "empty";
}
