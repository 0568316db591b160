using Dapper;
using Ivr.Data;
using Ivr.Data.Seeding;
using Ivr.Data.Tests;
using Ivr.Host.Backups;
using Ivr.Host.Cli;
using Ivr.Host.Secrets;

namespace Ivr.Host.Tests.Backups;

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // file modes (0600 keys) are POSIX
public sealed class DatabaseBackupTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("ivr-backup-test-").FullName;

    [Fact]
    public async Task Sqlite_BackupWhileCallsAreWritten_RestoreHoldsExactlyWhatItCounted()
    {
        var paths = new IvrPaths("flows", "prompts", Path.Combine(_work, "data"));
        var database = IvrDatabase.Open(paths.Database);
        DemoSeeder.Seed(database, 50, 12333, SeedOptions.Today(TimeProvider.System));
        Directory.CreateDirectory(Path.Combine(paths.Data, "recordings", "2026-12-02"));
        File.WriteAllBytes(Path.Combine(paths.Data, "recordings", "2026-12-02", "call-1.wav"), [1, 2, 3]);
        using var stop = new CancellationTokenSource();
        var writer = Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                await using var connection = await database.OpenConnectionAsync(default);
                await connection.ExecuteAsync("INSERT INTO calls (id, caller, caller_masked, dialled, flow, flow_version, started_at) VALUES (@id, '13912345678', '139****5678', '12333', 'main', 'v', '2026-12-02T10:00:00.0000000+00:00');",
                    new { id = $"call-{i}" });
            }
        });

        await Task.Delay(100);
        var manifest = DatabaseBackup.Create(paths, database, Path.Combine(_work, "backup.tar.gz"), TimeProvider.System);
        await stop.CancelAsync();
        await writer;

        var target = new IvrPaths("flows", "prompts", Path.Combine(_work, "restored"));
        var restored = DatabaseRestore.Run(Path.Combine(_work, "backup.tar.gz"), target);

        Assert.True(manifest.Tables["calls"] > 0);
        Assert.Equal(manifest.Tables, restored.Tables);
        using var check = IvrDatabase.Open(target.Database).OpenConnection();
        Assert.Equal(manifest.Tables["calls"], check.ExecuteScalar<long>("SELECT COUNT(*) FROM calls;"));
        Assert.Equal([1, 2, 3], File.ReadAllBytes(Path.Combine(target.Data, "recordings", "2026-12-02", "call-1.wav")));
        Assert.Equal(1, manifest.Recordings);
    }

    [Fact]
    public void Backup_CarriesTheDataFoldersHashKey_AndRestorePutsItBackOwnerOnly()
    {
        var paths = new IvrPaths("flows", "prompts", Path.Combine(_work, "data"));
        var (key, _) = HashKeyFile.LoadOrCreate(HashKeyFile.DefaultPath(paths.Data));
        var manifest = DatabaseBackup.Create(paths, IvrDatabase.Open(paths.Database), Path.Combine(_work, "backup.tar.gz"), TimeProvider.System);

        var target = new IvrPaths("flows", "prompts", Path.Combine(_work, "restored"));
        DatabaseRestore.Run(Path.Combine(_work, "backup.tar.gz"), target);

        Assert.True(manifest.HashKey);
        Assert.Equal(key.CheckValue, HashKeyFile.Load(HashKeyFile.DefaultPath(target.Data)).CheckValue);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(HashKeyFile.DefaultPath(target.Data)));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(_work, "backup.tar.gz")));
        }
    }

    [Fact]
    public void Backup_WithAKeyNamedByHashKey_DoesNotCarryIt()
    {
        var named = Path.Combine(_work, "cluster.key");
        HashKeyFile.Create(named);
        var paths = new IvrPaths("flows", "prompts", Path.Combine(_work, "data"), HashKeyFile: named);

        var manifest = DatabaseBackup.Create(paths, IvrDatabase.Open(paths.Database), Path.Combine(_work, "backup.tar.gz"), TimeProvider.System);
        DatabaseRestore.Run(Path.Combine(_work, "backup.tar.gz"), new IvrPaths("flows", "prompts", Path.Combine(_work, "restored")));

        Assert.False(manifest.HashKey);
        Assert.False(File.Exists(HashKeyFile.DefaultPath(Path.Combine(_work, "restored"))));
    }

    [Fact]
    public void Restore_IntoAFolderThatHoldsData_Refused()
    {
        var paths = new IvrPaths("flows", "prompts", Path.Combine(_work, "data"));
        DatabaseBackup.Create(paths, IvrDatabase.Open(paths.Database), Path.Combine(_work, "backup.tar.gz"), TimeProvider.System);

        var refused = Assert.Throws<UsageException>(() => DatabaseRestore.Run(Path.Combine(_work, "backup.tar.gz"), paths));

        Assert.Contains("not empty", refused.Message);
    }

    [Fact]
    public void Backup_TargetNotWritable_FailsBeforeAnyWorkAndLeavesNoFile()
    {
        var paths = new IvrPaths("flows", "prompts", Path.Combine(_work, "data"));
        var target = Path.Combine(_work, "no-such-folder", "backup.tar.gz");

        Assert.ThrowsAny<IOException>(() => DatabaseBackup.Create(paths, IvrDatabase.Open(paths.Database), target, TimeProvider.System));

        Assert.False(Directory.Exists(Path.Combine(_work, "no-such-folder")));
    }

    [Fact]
    public void Restore_NotABackup_RefusedClearly()
    {
        var file = Path.Combine(_work, "other.tar.gz");
        using (var output = File.Create(file))
        using (var gzip = new System.IO.Compression.GZipStream(output, System.IO.Compression.CompressionLevel.Fastest))
        using (var tar = new System.Formats.Tar.TarWriter(gzip))
        {
            tar.WriteEntry(new System.Formats.Tar.PaxTarEntry(System.Formats.Tar.TarEntryType.RegularFile, "../../etc/passwd") { DataStream = new MemoryStream([1]) });
        }

        var refused = Assert.Throws<InvalidDataException>(() => DatabaseRestore.Run(file, new IvrPaths("flows", "prompts", Path.Combine(_work, "restored"))));

        Assert.Contains("not an Ivr backup", refused.Message);
    }

    public void Dispose() => Directory.Delete(_work, recursive: true);
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresBackupTests(PostgresServer server) : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("ivr-backup-test-").FullName;

    [SkippableFact]
    public void Postgres_BackupThenRestoreIntoAnEmptyDatabase_EveryTableMatches()
    {
        using var source = server.NewDatabase();
        var database = source.Open();
        DemoSeeder.Seed(database, 20, 12333, SeedOptions.Today(TimeProvider.System));
        var paths = new IvrPaths("flows", "prompts", Path.Combine(_work, "data"), source.Location);
        var manifest = DatabaseBackup.Create(paths, database, Path.Combine(_work, "backup.tar.gz"), TimeProvider.System);

        using var empty = server.NewEmptyDatabase();
        var restored = DatabaseRestore.Run(Path.Combine(_work, "backup.tar.gz"), new IvrPaths("flows", "prompts", Path.Combine(_work, "restored"), empty.Location));

        Assert.Equal("PostgreSql", manifest.Dialect);
        Assert.True(manifest.Tables["people"] >= 20);
        Assert.Equal(manifest.Tables, restored.Tables);
        var refused = Assert.Throws<UsageException>(() => DatabaseRestore.Run(Path.Combine(_work, "backup.tar.gz"),
            new IvrPaths("flows", "prompts", Path.Combine(_work, "again"), empty.Location)));
        Assert.Contains("not empty", refused.Message);
    }

    public void Dispose() => Directory.Delete(_work, recursive: true);
}
