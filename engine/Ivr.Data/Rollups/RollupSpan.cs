using System.Globalization;

namespace Ivr.Data.Rollups;

/// <summary>
/// Local days [from, to] as the path rollups are read (<c>rollup_paths</c> per day, <c>rollup_path_months</c> per month):
/// the month sums of <see cref="FirstMonth"/>..<see cref="LastMonth"/> (none when the first comes after the last), plus the
/// days of <see cref="Added"/>, minus the days of <see cref="Subtracted"/>. Whole months inside the range are read from their
/// sums; a month the range covers in part is read either as its days in the range or, when that reads fewer days, as the
/// month's sum minus its days outside the range. Days outside [firstData, lastData] (the days any row exists for) hold no
/// rows and cost nothing, so the month so far is read from its sum. A year then reads at most fourteen months' rows and
/// fewer than thirty days' either side, a mostly covered month one month and a few days, whatever the calls.
/// All values are the text the tables hold (<c>yyyy-MM-dd</c>, <c>yyyy-MM</c>), which sorts as time.
/// </summary>
public sealed record RollupSpan(string FirstMonth, string LastMonth, IReadOnlyList<DayRange> Added, IReadOnlyList<DayRange> Subtracted)
{
    /// <summary>The most ranges of <see cref="Added"/> and of <see cref="Subtracted"/>.</summary>
    public const int MaxRanges = 2;

    public static RollupSpan Of(DateOnly from, DateOnly to, DateOnly? firstData = null, DateOnly? lastData = null)
    {
        var (added, subtracted) = (new List<DayRange>(), new List<DayRange>());
        var firstMonth = MonthStart(from);
        var lastMonth = MonthStart(to);
        bool FromSum(DateOnly monthStart, DateOnly inFrom, DateOnly inTo)
        {
            var outside = Cost(monthStart, inFrom.AddDays(-1), firstData, lastData) + Cost(inTo.AddDays(1), monthStart.AddMonths(1).AddDays(-1), firstData, lastData);
            return outside < Cost(inFrom, inTo, firstData, lastData);
        }
        void Edge(DateOnly monthStart, DateOnly inFrom, DateOnly inTo, ref DateOnly month, int step)
        {
            if (inFrom == monthStart && inTo == monthStart.AddMonths(1).AddDays(-1)) return;
            if (FromSum(monthStart, inFrom, inTo))
            {
                subtracted.Add(DayRange.Of(monthStart, inFrom.AddDays(-1)));
                subtracted.Add(DayRange.Of(inTo.AddDays(1), monthStart.AddMonths(1).AddDays(-1)));
                return;
            }
            added.Add(DayRange.Of(inFrom, inTo));
            month = month.AddMonths(step);
        }

        if (firstMonth == lastMonth) Edge(firstMonth, from, to, ref firstMonth, 1);
        else
        {
            Edge(firstMonth, from, firstMonth.AddMonths(1).AddDays(-1), ref firstMonth, 1);
            Edge(lastMonth, lastMonth, to, ref lastMonth, -1);
        }
        return new RollupSpan(Month(firstMonth), Month(lastMonth), added.Where(r => !r.IsEmpty).ToList(), subtracted.Where(r => !r.IsEmpty).ToList());
    }

    public static string Month(DateOnly day) => day.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    /// <summary>Range <paramref name="i"/> of <paramref name="ranges"/>, or an empty one.</summary>
    public static DayRange At(IReadOnlyList<DayRange> ranges, int i) => i < ranges.Count ? ranges[i] : DayRange.Empty;

    private static DateOnly MonthStart(DateOnly day) => new(day.Year, day.Month, 1);

    /// <summary>The days of [from, to] that may hold rows.</summary>
    private static int Cost(DateOnly from, DateOnly to, DateOnly? firstData, DateOnly? lastData)
    {
        if (firstData is { } first && first > from) from = first;
        if (lastData is { } last && last < to) to = last;
        return Math.Max(0, to.DayNumber - from.DayNumber + 1);
    }
}

/// <summary>Local days [<paramref name="From"/>, <paramref name="To"/>] as <c>yyyy-MM-dd</c>; empty when From comes after To.</summary>
public sealed record DayRange(string From, string To)
{
    public static readonly DayRange Empty = new("9999-12-31", "0000-01-01");

    public bool IsEmpty => string.CompareOrdinal(From, To) > 0;

    public static DayRange Of(DateOnly from, DateOnly to) => from > to ? Empty : new DayRange(RollupClock.Day(from), RollupClock.Day(to));
}
