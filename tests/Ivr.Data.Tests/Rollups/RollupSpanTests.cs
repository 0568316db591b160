using System.Globalization;
using Ivr.Data.Rollups;

namespace Ivr.Data.Tests.Rollups;

/// <summary>A range of days read as month sums plus or minus the days around them: exactly the range's days, whatever the
/// choice, and the cheaper choice for each month it covers in part.</summary>
public sealed class RollupSpanTests
{
    [Theory]
    [InlineData("2025-12-04", "2026-12-03", null, null, "2025-12..2026-11", "2026-12-01..2026-12-03", "2025-12-01..2025-12-03")] // a year
    [InlineData("2025-12-04", "2026-12-03", "2025-12-04", "2026-12-03", "2025-12..2026-12", "", "2025-12-01..2025-12-03 2026-12-04..2026-12-31")] // a year of all the data there is: thirteen month sums, the days taken away hold none
    [InlineData("2026-11-01", "2026-11-30", null, null, "2026-11..2026-11", "", "")] // a whole month
    [InlineData("2026-02-01", "2026-03-31", null, null, "2026-02..2026-03", "", "")]
    [InlineData("2026-11-04", "2026-11-30", null, null, "2026-11..2026-11", "", "2026-11-01..2026-11-03")] // mostly covered: the sum minus three days
    [InlineData("2026-11-02", "2026-11-29", null, null, "2026-11..2026-11", "", "2026-11-01..2026-11-01 2026-11-30..2026-11-30")] // starting and ending mid-month
    [InlineData("2026-11-23", "2026-11-23", null, null, "empty", "2026-11-23..2026-11-23", "")] // one day
    [InlineData("2026-11-04", "2026-12-03", null, "2026-12-03", "2026-11..2026-12", "", "2026-11-01..2026-11-03 2026-12-04..2026-12-31")] // 30 days to today: the month so far from its sum
    [InlineData("2026-11-04", "2026-12-03", null, null, "2026-11..2026-11", "2026-12-01..2026-12-03", "2026-11-01..2026-11-03")] // without knowing where the data ends
    [InlineData("2026-12-20", "2027-01-10", null, null, "empty", "2026-12-20..2026-12-31 2027-01-01..2027-01-10", "")] // across a year end, little of each month
    [InlineData("2026-12-05", "2027-01-25", null, null, "2026-12..2027-01", "", "2026-12-01..2026-12-04 2027-01-26..2027-01-31")] // across a year end, most of each
    [InlineData("2026-11-10", "2026-11-30", "2026-11-08", null, "2026-11..2026-11", "", "2026-11-01..2026-11-09")] // no rows before the 8th: two days to take away
    public void Of_ReadsEachMonthTheCheaperWay(string from, string to, string? firstData, string? lastData, string months, string added, string subtracted)
    {
        var span = RollupSpan.Of(Day(from), Day(to), firstData is null ? null : Day(firstData), lastData is null ? null : Day(lastData));

        Assert.Equal(months, string.CompareOrdinal(span.FirstMonth, span.LastMonth) <= 0 ? $"{span.FirstMonth}..{span.LastMonth}" : "empty");
        Assert.Equal(added, string.Join(' ', span.Added.Select(r => $"{r.From}..{r.To}")));
        Assert.Equal(subtracted, string.Join(' ', span.Subtracted.Select(r => $"{r.From}..{r.To}")));
    }

    [Fact]
    public void Of_CountsEveryDayOfTheRangeOnce_AndNoOther()
    {
        var random = new Random(25);
        for (var i = 0; i < 3000; i++)
        {
            var from = new DateOnly(2025, 1, 1).AddDays(random.Next(0, 800));
            var to = from.AddDays(random.Next(0, i % 3 == 0 ? 40 : 500));
            DateOnly? first = random.Next(3) == 0 ? from.AddDays(random.Next(-40, 40)) : null;
            DateOnly? last = random.Next(3) == 0 ? to.AddDays(random.Next(-40, 40)) : null;
            var span = RollupSpan.Of(from, to, first, last);

            var net = new Dictionary<DateOnly, int>();
            void Count(string rangeFrom, string rangeTo, int sign)
            {
                for (var d = Day(rangeFrom); d <= Day(rangeTo); d = d.AddDays(1)) net[d] = net.GetValueOrDefault(d) + sign;
            }
            for (var m = Month(span.FirstMonth); string.CompareOrdinal(RollupSpan.Month(m), span.LastMonth) <= 0; m = m.AddMonths(1))
                Count(RollupClock.Day(m), RollupClock.Day(m.AddMonths(1).AddDays(-1)), 1);
            foreach (var r in span.Added) Count(r.From, r.To, 1);
            foreach (var r in span.Subtracted) Count(r.From, r.To, -1);

            var expected = Enumerable.Range(0, to.DayNumber - from.DayNumber + 1).Select(from.AddDays).ToList();
            Assert.Equal(expected, net.Where(d => d.Value != 0).Select(d => d.Key).Order().ToList());
            Assert.All(net.Values, v => Assert.InRange(v, 0, 1));
            Assert.InRange(span.Added.Count, 0, RollupSpan.MaxRanges);
            Assert.InRange(span.Subtracted.Count, 0, RollupSpan.MaxRanges);
        }
    }

    private static DateOnly Day(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DateOnly Month(string text) => DateOnly.ParseExact(text + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
