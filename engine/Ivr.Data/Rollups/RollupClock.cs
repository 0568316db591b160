using System.Globalization;

namespace Ivr.Data.Rollups;

/// <summary>
/// The deployment's statistics zone, the calendar rollups are counted in: China Standard Time (Asia/Shanghai,
/// UTC+08:00, no daylight saving), the hotline's service day. Rollups are keyed by its local days, so it is one fixed
/// zone per database: deploy/statistics.yaml names it (<see cref="TryParseZone"/> accepts its spellings), and the
/// console refuses statistics asked for in another offset.
/// </summary>
public static class RollupClock
{
    public const string ZoneName = "Asia/Shanghai";

    public static readonly TimeSpan UtcOffset = TimeSpan.FromHours(8);

    private static readonly string[] Spellings = [ZoneName, "Asia/Chongqing", "PRC", "China Standard Time", "+08:00", "+0800", "+08", "+8", "UTC+8", "UTC+08:00", "GMT+8"];

    /// <summary>Whether <paramref name="text"/> names the statistics zone (an IANA name of China's zone or UTC+08:00 written as an offset).</summary>
    public static bool TryParseZone(string text) => Spellings.Contains(text.Trim(), StringComparer.OrdinalIgnoreCase);

    public static string Day(DateTimeOffset at) => at.ToOffset(UtcOffset).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The first instant of a local day.</summary>
    public static DateTimeOffset Start(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), UtcOffset);

    public static int Hour(DateTimeOffset at) => at.ToOffset(UtcOffset).Hour;
}
