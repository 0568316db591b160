using System.Globalization;
using Ivr.Data;
using Ivr.Data.Maintenance;
using Ivr.Data.Security;
using Ivr.Host.Backups;

namespace Ivr.Host.Maintenance;

/// <summary>
/// The server's scheduled backup (deploy/backup.yaml), run by <see cref="DailyJob"/>: when the last successful backup
/// is <see cref="BackupScheduleFile.EveryDays"/> days old (or there is none), the node that claims the day writes
/// <c>DIRECTORY/ivr-backup-YYYYMMDD-HHMMSS.tar.gz</c>, records it in <c>backup_runs</c> (the console shows it) and keeps
/// the newest <see cref="BackupScheduleFile.Keep"/> archives. A failure — a folder that is not writable, a full disk —
/// is logged, recorded and audited; the calls never notice.
/// </summary>
public sealed class ScheduledBackup(BackupScheduleFile schedule, IvrPaths paths, IvrDatabase database, string node, TimeProvider time, Action<string> log)
{
    public const string Prefix = "ivr-backup-";
    public const string Suffix = ".tar.gz";

    /// <returns>The archive written; null when none was due, another node took the day, or it failed.</returns>
    public async Task<string?> RunAsync(CancellationToken cancellation)
    {
        var runs = new BackupRunRepository(database);
        var today = ChinaTime.Today(time);
        if (await runs.LastAsync(ok: true, cancellation) is { } last
            && today.DayNumber - DateOnly.FromDateTime(ChinaTime.ToChina(last.FinishedAt).DateTime).DayNumber < schedule.EveryDays) return null;
        if (!await new MaintenanceClaims(database).TryClaimAsync(MaintenanceClaims.Backup, today, node, time.GetUtcNow(), cancellation)) return null;
        return await WriteAsync(runs, cancellation);
    }

    private async Task<string?> WriteAsync(BackupRunRepository runs, CancellationToken cancellation)
    {
        var started = time.GetUtcNow();
        var file = Path.GetFullPath(Path.Combine(schedule.Directory,
            Prefix + ChinaTime.ToChina(started).ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture) + Suffix));
        try
        {
            Directory.CreateDirectory(schedule.Directory);
            var manifest = await Task.Run(() => DatabaseBackup.Create(paths, database, file, time), cancellation);
            var bytes = new FileInfo(file).Length;
            await runs.AppendAsync(new BackupRun(started, time.GetUtcNow(), node, BackupRun.Scheduled, true, file, bytes, null), CancellationToken.None);
            log($"backup: {file} ({bytes / 1024.0 / 1024.0:0.0} MB, {manifest.Tables.Values.Sum():N0} rows, {manifest.Recordings} recordings)");
            await MaintenanceAudit.WriteAsync(database, time.GetUtcNow(), node, MaintenanceAudit.Backup, file, "ok", $"{bytes} bytes", CancellationToken.None);
            KeepNewest();
            return file;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidOperationException or System.Data.Common.DbException)
        {
            var why = ex is UnauthorizedAccessException ? $"cannot write to {schedule.Directory}: {ex.Message}" : ex.Message;
            log($"backup: failed, no backup written to {schedule.Directory}: {why}");
            await runs.AppendAsync(new BackupRun(started, time.GetUtcNow(), node, BackupRun.Scheduled, false, file, 0, why), CancellationToken.None);
            await MaintenanceAudit.WriteAsync(database, time.GetUtcNow(), node, MaintenanceAudit.Backup, file, "failed", why, CancellationToken.None);
            return null;
        }
    }

    /// <summary>Deletes the directory's archives beyond the newest <see cref="BackupScheduleFile.Keep"/> (by name: the time is in it).</summary>
    private void KeepNewest()
    {
        var old = Directory.GetFiles(schedule.Directory, Prefix + "*" + Suffix).OrderDescending(StringComparer.Ordinal).Skip(schedule.Keep);
        foreach (var file in old)
        {
            File.Delete(file);
            log($"backup: deleted {file} (keep {schedule.Keep})");
        }
    }

    /// <summary>Why the backup folder cannot take an archive; null when it can (created when missing).</summary>
    public static string? Unwritable(string directory)
    {
        try
        {
            Directory.CreateDirectory(directory);
            var probe = Path.Combine(directory, $".write-test-{Guid.NewGuid():N}");
            using (File.Create(probe)) { }
            File.Delete(probe);
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return $"cannot write to {Path.GetFullPath(directory)}: {ex.Message}";
        }
    }
}
