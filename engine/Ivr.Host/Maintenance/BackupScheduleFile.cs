using Ivr.Host.Settings;

namespace Ivr.Host.Maintenance;

/// <summary>
/// deploy/backup.yaml: the server's scheduled backups (<c>ivr db backup</c> run by one node).
/// <code>
/// directory: backups   # where the archives go (relative to the working directory, or absolute)
/// every_days: 7        # a backup when the last successful one is this many days old (the rule: at least every 15)
/// keep: 8              # the newest N archives of the directory are kept, older ones deleted
/// hour: 2              # 0..23, China time
/// </code>
/// Unknown fields and bad values are refused at load with FILE:LINE:COL.
/// </summary>
public sealed record BackupScheduleFile(string Directory, int EveryDays, int Keep, int Hour)
{
    public static readonly string DefaultPath = Path.Combine("deploy", "backup.yaml");

    private static readonly string[] Keys = ["directory", "every_days", "keep", "hour"];

    public static BackupScheduleFile Read(string path)
    {
        var file = new BackupScheduleFile("backups", 7, 8, 2);
        foreach (var entry in SettingsYaml.Fields(path, Keys, "fields such as directory: …"))
        {
            file = entry.Key switch
            {
                "directory" => entry.Text.Length > 0 ? file with { Directory = entry.Text } : throw entry.Wrong("a folder"),
                "every_days" => file with { EveryDays = entry.Int(1, 15) },
                "keep" => file with { Keep = entry.Int(1, 1000) },
                _ => file with { Hour = entry.Int(0, 23) },
            };
        }

        return file;
    }

    /// <summary>FILE when given, else deploy/backup.yaml when present, else null: no scheduled backups.</summary>
    public static BackupScheduleFile? Load(string? path) => path is not null ? Read(path) : File.Exists(DefaultPath) ? Read(DefaultPath) : null;
}
