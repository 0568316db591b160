using System.Formats.Tar;
using System.IO.Compression;
using System.Text.Json;
using Dapper;
using Ivr.Data;
using Ivr.Data.Backup;
using Ivr.Data.Migrations;
using Npgsql;

namespace Ivr.Host.Backups;

/// <summary>What a backup holds, written first in its archive. <see cref="HashKey"/>: whether it carries the data folder's
/// hash key (<c>secrets/hash-key</c>); a key named by <c>--hash-key</c> is the operators' to keep beside the backup.</summary>
public sealed record BackupManifest(string Format, DateTimeOffset CreatedAt, string Dialect, IReadOnlyList<int> Migrations,
    SortedDictionary<string, long> Tables, int Recordings, bool HashKey = false)
{
    public const string CurrentFormat = "ivr-backup/1";
}

/// <summary>
/// <c>ivr db backup FILE</c>: one <c>.tar.gz</c> with <c>manifest.json</c> (when, which database, its row counts), the
/// database — SQLite through its online backup API, PostgreSQL through <c>pg_dump</c> of the very snapshot the counts
/// were read in — the recordings, and the hash key of <c>DATA/secrets/hash-key</c> (the archive is made owner-only,
/// like the key). Consistent while the server serves; written to a temporary name and renamed,
/// so a failed backup never leaves a file that looks whole.
/// </summary>
public static class DatabaseBackup
{
    private const string ManifestEntry = "manifest.json";
    private const string SqliteEntry = "ivr.db";
    private const string PostgresEntry = "database.pgdump";
    internal const string HashKeyEntry = "secrets/hash-key";

    public static BackupManifest Create(IvrPaths paths, IvrDatabase database, string file, TimeProvider time)
    {
        var target = Path.GetFullPath(file);
        var partial = target + ".partial";
        var staging = Directory.CreateTempSubdirectory("ivr-backup-").FullName;
        try
        {
            using (new FileStream(partial, OwnerOnly())) { } // an unwritable target fails here, before any work
            var dumped = Path.Combine(staging, database.Dialect == DatabaseDialect.Sqlite ? SqliteEntry : PostgresEntry);
            SortedDictionary<string, long> counts;
            if (database.Dialect == DatabaseDialect.Sqlite)
            {
                SqliteBackup.CopyTo(database, dumped);
                using var copy = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={dumped};Mode=ReadOnly;Pooling=False");
                copy.Open();
                counts = TableCounts.Of(copy);
            }
            else
            {
                counts = DumpPostgres(database, paths.DatabaseUrl!, dumped);
            }

            var recordings = Path.Combine(paths.Data, "recordings");
            var recordingFiles = Directory.Exists(recordings) ? Directory.GetFiles(recordings, "*", SearchOption.AllDirectories) : [];
            var key = paths.HashKeyFile is null && File.Exists(Secrets.HashKeyFile.DefaultPath(paths.Data)) ? Secrets.HashKeyFile.DefaultPath(paths.Data) : null;
            var manifest = new BackupManifest(BackupManifest.CurrentFormat, time.GetUtcNow(), database.Dialect.ToString(),
                MigrationsOf(database), counts, recordingFiles.Length, key is not null);
            using (var output = File.Create(partial))
            using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
            using (var tar = new TarWriter(gzip, TarEntryFormat.Pax))
            {
                var entry = new PaxTarEntry(TarEntryType.RegularFile, ManifestEntry) { DataStream = new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(manifest)) };
                tar.WriteEntry(entry);
                tar.WriteEntry(dumped, Path.GetFileName(dumped));
                if (key is not null) tar.WriteEntry(key, HashKeyEntry);
                foreach (var recording in recordingFiles)
                    tar.WriteEntry(recording, "recordings/" + Path.GetRelativePath(recordings, recording).Replace('\\', '/'));
            }

            File.Move(partial, target, overwrite: true);
            return manifest;
        }
        finally
        {
            if (File.Exists(partial)) File.Delete(partial);
            Directory.Delete(staging, recursive: true);
        }
    }

    private static FileStreamOptions OwnerOnly()
    {
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        return options;
    }

    /// <summary>Counts the rows and dumps the database in one snapshot: the counts are exactly what the dump holds.</summary>
    private static SortedDictionary<string, long> DumpPostgres(IvrDatabase database, string url, string file)
    {
        using var connection = (NpgsqlConnection)database.OpenConnection();
        using var snapshot = connection.BeginTransaction(System.Data.IsolationLevel.RepeatableRead);
        var id = connection.ExecuteScalar<string>("SELECT pg_export_snapshot();", transaction: snapshot)!;
        var counts = TableCounts.Of(connection);
        PostgresTools.Run("pg_dump", "--format=custom", "--no-owner", $"--snapshot={id}", "--file", file, "--dbname", url);
        snapshot.Commit();
        return counts;
    }

    private static IReadOnlyList<int> MigrationsOf(IvrDatabase database)
    {
        using var connection = database.OpenConnection();
        return MigrationRunner.AppliedVersions(connection);
    }

    internal static BackupManifest ReadManifest(TarReader tar)
    {
        var first = tar.GetNextEntry() ?? throw new InvalidDataException("the backup is empty");
        if (first.Name != ManifestEntry || first.DataStream is null) throw new InvalidDataException($"not an Ivr backup: it starts with '{first.Name}', not {ManifestEntry}");
        var manifest = JsonSerializer.Deserialize<BackupManifest>(first.DataStream) ?? throw new InvalidDataException("the backup's manifest is empty");
        if (manifest.Format != BackupManifest.CurrentFormat) throw new InvalidDataException($"backup format '{manifest.Format}' is not {BackupManifest.CurrentFormat}");
        return manifest;
    }

    internal static bool IsDatabaseEntry(string name) => name is SqliteEntry or PostgresEntry;
}
