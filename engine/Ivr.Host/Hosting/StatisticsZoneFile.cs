using Ivr.Data.Rollups;
using Ivr.Host.Settings;

namespace Ivr.Host.Hosting;

/// <summary>
/// deploy/statistics.yaml: the deployment's statistics zone, whose local days the rollups count (<see cref="RollupClock"/>).
/// <code>
/// zone: Asia/Shanghai   # or "+08:00"; the default
/// </code>
/// China has one zone without daylight saving, and rollups are kept per local day of one zone: another zone would
/// need every rollup rebuilt, so it is refused at load with FILE:LINE:COL (<see cref="SettingsYaml"/>) instead of giving
/// days that do not match.
/// </summary>
public static class StatisticsZoneFile
{
    public static readonly string DefaultPath = Path.Combine("deploy", "statistics.yaml");

    private static readonly string[] Fields = ["zone"];

    /// <summary><paramref name="path"/>, else deploy/statistics.yaml when present, else the default; logs the zone.</summary>
    public static TimeSpan Load(string? path, Action<string> log)
    {
        ArgumentNullException.ThrowIfNull(log);
        var file = path ?? (File.Exists(DefaultPath) ? DefaultPath : null);
        var zone = file is null ? RollupClock.UtcOffset : Read(file);
        log($"statistics: days of {RollupClock.ZoneName} (UTC{zone:\\+hh\\:mm}){(file is null ? "" : $" ({file})")}");
        return zone;
    }

    public static TimeSpan Read(string path)
    {
        foreach (var field in SettingsYaml.Fields(path, Fields, "fields such as zone: Asia/Shanghai"))
        {
            if (!RollupClock.TryParseZone(field.Text))
                throw field.Wrong($"the statistics are kept in the local days of {RollupClock.ZoneName} (+08:00, no daylight saving; another zone would need every rollup rebuilt)");
        }
        return RollupClock.UtcOffset;
    }
}
