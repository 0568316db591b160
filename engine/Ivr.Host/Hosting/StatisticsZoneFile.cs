using Ivr.Data.Rollups;
using YamlDotNet.RepresentationModel;

namespace Ivr.Host.Hosting;

/// <summary>
/// deploy/statistics.yaml: the deployment's statistics zone, whose local days the rollups count (<see cref="RollupClock"/>).
/// <code>
/// zone: Asia/Shanghai   # or "+08:00"; the default
/// </code>
/// China has one zone without daylight saving, and rollups are kept per local day of one zone: another zone would
/// need every rollup rebuilt, so it is refused at load with FILE:LINE:COL instead of giving days that do not match.
/// </summary>
public static class StatisticsZoneFile
{
    public static readonly string DefaultPath = Path.Combine("deploy", "statistics.yaml");

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
        if (OperatorYaml.ReadFields(path, "zone: Asia/Shanghai") is not { } root) return RollupClock.UtcOffset;
        foreach (var (key, value) in root.Children)
        {
            var name = (key as YamlScalarNode)?.Value ?? "";
            if (name != "zone") throw new InvalidDataException($"{path}:{key.Start.Line}:{key.Start.Column}: unknown field '{name}'; the field is zone");
            var text = (value as YamlScalarNode)?.Value ?? "";
            if (!RollupClock.TryParseZone(text))
                throw new InvalidDataException($"{path}:{value.Start.Line}:{value.Start.Column}: zone: the statistics are kept in the local days of "
                    + $"{RollupClock.ZoneName} (+08:00, no daylight saving), not '{text}'; another zone would need every rollup rebuilt");
        }
        return RollupClock.UtcOffset;
    }
}
