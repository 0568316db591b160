using Ivr.Data.Maintenance;

namespace Ivr.Host.Backups;

/// <summary>A backup made by hand (<c>ivr db backup FILE</c>) counts like a scheduled one: recorded in <c>backup_runs</c>,
/// so the console's "last backup" and its 15-day warning see it.</summary>
internal static class ManualBackupRecord
{
    public static void Write(IvrPaths paths, string file, BackupManifest made, TimeSpan took)
    {
        var full = Path.GetFullPath(file);
        new BackupRunRepository(paths.OpenDatabase()).AppendAsync(new BackupRun(made.CreatedAt, made.CreatedAt + took, Environment.MachineName,
            BackupRun.Manual, true, full, new FileInfo(full).Length, null), CancellationToken.None).GetAwaiter().GetResult();
    }
}
