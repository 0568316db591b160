using System.Globalization;

namespace Ivr.Data.Rollups;

/// <summary>
/// Local days [from, to] split for the month sums (<c>rollup_path_months</c>): the whole months inside the range
/// (<see cref="FirstMonth"/> to <see cref="LastMonth"/>, none when the first comes after the last) and the days before
/// and after them (<see cref="HeadFrom"/>..<see cref="HeadTo"/>, <see cref="TailFrom"/>..<see cref="TailTo"/>, each empty
/// when its start comes after its end). A year then reads twelve months' rows and at most sixty days', whatever the calls.
/// All values are the text the tables hold (<c>yyyy-MM-dd</c>, <c>yyyy-MM</c>), which sorts as time.
/// </summary>
public sealed record RollupSpan(string HeadFrom, string HeadTo, string FirstMonth, string LastMonth, string TailFrom, string TailTo)
{
    public static RollupSpan Of(DateOnly from, DateOnly to)
    {
        var firstWhole = from.Day == 1 ? from : new DateOnly(from.Year, from.Month, 1).AddMonths(1);
        var afterLastWhole = new DateOnly(to.Year, to.Month, 1);
        if (to.AddDays(1).Day == 1) afterLastWhole = afterLastWhole.AddMonths(1);
        if (firstWhole >= afterLastWhole) return new RollupSpan(Day(from), Day(to), "9999-12", "0000-01", "9999-12-31", "0000-01-01");
        return new RollupSpan(Day(from), Day(firstWhole.AddDays(-1)), Month(firstWhole), Month(afterLastWhole.AddMonths(-1)),
            Day(afterLastWhole), Day(to));
    }

    public static string Month(DateOnly day) => day.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    private static string Day(DateOnly day) => RollupClock.Day(day);
}
