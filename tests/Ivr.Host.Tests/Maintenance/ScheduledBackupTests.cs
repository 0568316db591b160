using Dapper;
using Ivr.Data;
using Ivr.Data.Maintenance;
using Ivr.Host.Cli;
using Ivr.Host.Maintenance;
using Microsoft.Extensions.Time.Testing;

namespace Ivr.Host.Tests.Maintenance;

public sealed class ScheduledBackupTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("ivr-scheduled-backup-").FullName;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 3, 2, 0, 0, TimeSpan.FromHours(8)));
    private readonly List<string> _log = [];

    [Fact]
    public async Task Run_EverySevenDays_WritesRecordsAndKeepsTheNewest()
    {
        var (paths, database) = Data();
        var backup = new ScheduledBackup(new BackupScheduleFile(Path.Combine(_work, "backups"), 7, 2, 2), paths, database, "node-1", _time, _log.Add);

        var first = await backup.RunAsync(default);
        _time.Advance(TimeSpan.FromDays(1));
        var nextDay = await backup.RunAsync(default);
        _time.Advance(TimeSpan.FromDays(6));
        var week = await backup.RunAsync(default);
        _time.Advance(TimeSpan.FromDays(7));
        var twoWeeks = await backup.RunAsync(default);

        Assert.NotNull(first);
        Assert.Null(nextDay);
        Assert.EndsWith("ivr-backup-20261210-020000.tar.gz", week);
        Assert.Equal([week, twoWeeks], Directory.GetFiles(Path.Combine(_work, "backups")).Order());
        var last = await new BackupRunRepository(database).LastAsync(ok: true, default);
        Assert.Equal((twoWeeks, new FileInfo(twoWeeks!).Length, BackupRun.Scheduled, "node-1"), (last!.File, last.Bytes, last.Trigger, last.Node));
        using var connection = database.OpenConnection();
        Assert.Equal(3, connection.ExecuteScalar<long>("SELECT COUNT(*) FROM console_access_log WHERE action = 'backup' AND outcome = 'ok';"));
    }

    [Fact]
    public async Task Run_FolderNotWritable_FailureLoggedAndRecordedNothingThrown()
    {
        var (paths, database) = Data();
        var blocker = Path.Combine(_work, "a-file");
        File.WriteAllText(blocker, "not a folder");
        var backup = new ScheduledBackup(new BackupScheduleFile(Path.Combine(blocker, "backups"), 7, 2, 2), paths, database, "node-1", _time, _log.Add);

        var written = await backup.RunAsync(default);

        Assert.Null(written);
        Assert.Contains(_log, l => l.StartsWith($"backup: failed, no backup written to {Path.Combine(blocker, "backups")}", StringComparison.Ordinal));
        var failure = await new BackupRunRepository(database).LastAsync(ok: false, default);
        Assert.NotNull(failure?.Detail);
        Assert.Null(await new BackupRunRepository(database).LastAsync(ok: true, default));
        Assert.NotNull(ScheduledBackup.Unwritable(Path.Combine(blocker, "backups")));
        Assert.Null(ScheduledBackup.Unwritable(Path.Combine(_work, "fine")));
    }

    [Fact]
    public async Task Run_AnotherNodeClaimedTheDay_NothingWritten()
    {
        var (paths, database) = Data();
        await new MaintenanceClaims(database).TryClaimAsync(MaintenanceClaims.Backup, new DateOnly(2026, 12, 3), "node-2", _time.GetUtcNow(), default);
        var backup = new ScheduledBackup(new BackupScheduleFile(Path.Combine(_work, "backups"), 7, 2, 2), paths, database, "node-1", _time, _log.Add);

        Assert.Null(await backup.RunAsync(default));
        Assert.False(Directory.Exists(Path.Combine(_work, "backups")));
    }

    private (IvrPaths Paths, IvrDatabase Database) Data()
    {
        var paths = new IvrPaths("flows", "prompts", Path.Combine(_work, "data"));
        Directory.CreateDirectory(Path.Combine(paths.Data, "recordings"));
        File.WriteAllBytes(Path.Combine(paths.Data, "recordings", "m-1.wav"), [1, 2, 3]);
        return (paths, IvrDatabase.Open(paths.Database));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_work, recursive: true);
    }
}
