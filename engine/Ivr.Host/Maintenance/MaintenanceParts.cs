using Ivr.Data;
using Ivr.Data.Maintenance;
using Ivr.Data.Security;
using Ivr.Host.Serving;

namespace Ivr.Host.Maintenance;

/// <summary>
/// The server's daily maintenance, two started parts on its clock: retention (deploy/retention.yaml) and scheduled
/// backups (deploy/backup.yaml). In cluster mode every node runs the timers and the one that claims the day does the work.
/// </summary>
internal static class MaintenanceParts
{
    public static void Start(ServeOptions options, IvrDatabase database, HashKey hashKey, StartedParts parts, TimeProvider time, Action<string> log)
    {
        var retention = Read("retention", () => options.RetentionFile is { } file ? RetentionFile.Read(file) : RetentionFile.Default);
        var schedule = Read("backups", () => options.BackupFile is { } file ? BackupScheduleFile.Read(file) : null);
        var prune = new Func<CancellationToken, Task>(async stop =>
        {
            if (!await new MaintenanceClaims(database).TryClaimAsync(MaintenanceClaims.Retention, ChinaTime.Today(time), options.NodeId, time.GetUtcNow(), stop)) return;
            await RetentionRun.PruneAsync(database, options.RecordingsFolder, hashKey, retention.Policy, time, $"node {options.NodeId}", log, stop);
        });
        parts.Add("retention", new DailyJob("retention", retention.Hour, time, prune, log));
        var p = retention.Policy;
        log($"retention: daily at {retention.Hour:00}:00 China time; events {p.CallEvents.TotalDays:0} d, handled recordings {p.HandledRecordings.TotalDays:0} d, access log {p.AccessLog.TotalDays:0} d, fax numbers {p.FaxNumbers.TotalDays:0} d, PIN attempts {p.PinAttempts.TotalDays:0} d, PIN lock origins {p.PinLockOrigins.TotalDays:0} d, handoff tokens once expired");

        if (schedule is null)
        {
            log($"backup: no scheduled backups ({BackupScheduleFile.DefaultPath} absent); the rule asks for one at least every 15 days");
            return;
        }

        if (ScheduledBackup.Unwritable(schedule.Directory) is { } problem) log($"backup: WARNING {problem}; scheduled backups will fail until it is fixed (serving goes on)");
        var backup = new ScheduledBackup(schedule, options.Paths, database, options.NodeId, time, log);
        parts.Add("scheduled backups", new DailyJob("backup", schedule.Hour, time, async stop => await backup.RunAsync(stop), log));
        log($"backup: every {schedule.EveryDays} days at {schedule.Hour:00}:00 China time into {Path.GetFullPath(schedule.Directory)}, keeping {schedule.Keep}");
    }

    private static T Read<T>(string what, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            throw new ServerStartException($"{what}: {ex.Message}");
        }
    }
}
