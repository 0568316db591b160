using System.Globalization;

namespace Ivr.Data.Rollups;

/// <summary>
/// The calendar rollups are counted in: China Standard Time (UTC+8, no daylight saving), the hotline's
/// service day. Statistics asked for in another offset cannot use them (see the console's fallback).
/// </summary>
public static class RollupClock
{
    public static readonly TimeSpan UtcOffset = TimeSpan.FromHours(8);

    public static string Day(DateTimeOffset at) => at.ToOffset(UtcOffset).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The first instant of a local day.</summary>
    public static DateTimeOffset Start(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), UtcOffset);

    public static int Hour(DateTimeOffset at) => at.ToOffset(UtcOffset).Hour;
}
