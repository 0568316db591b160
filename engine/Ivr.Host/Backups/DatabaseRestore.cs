using System.Formats.Tar;
using System.IO.Compression;
using Ivr.Data;
using Ivr.Data.Backup;

namespace Ivr.Host.Backups;

/// <summary>
/// <c>ivr db restore FILE</c>: puts a backup back into an empty data folder (and, for PostgreSQL, an empty database),
/// then opens it and checks that every table holds the rows the backup's manifest counted. Never over existing data. The
/// hash key it carries goes back to <c>DATA/secrets/hash-key</c> (owner only).
/// </summary>
public static class DatabaseRestore
{
    public static BackupManifest Run(string file, IvrPaths paths)
    {
        if (!File.Exists(file)) throw new UsageException($"no backup at {file}");
        if (Directory.Exists(paths.Data) && Directory.EnumerateFileSystemEntries(paths.Data).Any())
            throw new UsageException($"{paths.Data} is not empty: a restore goes into an empty data folder (choose another with --data)");
        using var input = File.OpenRead(file);
        using var gzip = new GZipStream(input, CompressionMode.Decompress);
        using var tar = new TarReader(gzip);
        var manifest = DatabaseBackup.ReadManifest(tar);
        var postgres = manifest.Dialect == nameof(DatabaseDialect.PostgreSql);
        if (postgres != (paths.DatabaseUrl is not null))
            throw new UsageException(postgres ? "this backup is of a PostgreSQL database: say where with --database URL (an empty database)"
                : "this backup is of a SQLite database: restore it without --database");
        if (postgres && !IsEmptyPostgres(paths.DatabaseUrl!))
            throw new UsageException("the target PostgreSQL database is not empty: restore into a new one (createdb)");

        Directory.CreateDirectory(paths.Data);
        var dump = Path.Combine(paths.Data, ".restore-dump");
        var recordings = Path.GetFullPath(Path.Combine(paths.Data, "recordings"));
        var recordingsRestored = 0;
        while (tar.GetNextEntry() is { } entry)
        {
            if (entry.EntryType != TarEntryType.RegularFile) continue;
            if (DatabaseBackup.IsDatabaseEntry(entry.Name))
            {
                entry.ExtractToFile(postgres ? dump : paths.Database, overwrite: false);
                continue;
            }

            if (entry.Name == DatabaseBackup.HashKeyEntry && entry.DataStream is { } keyStream)
            {
                using var key = new MemoryStream();
                keyStream.CopyTo(key);
                Secrets.HashKeyFile.TryWrite(Secrets.HashKeyFile.DefaultPath(paths.Data), key.ToArray());
                continue;
            }

            var target = Path.GetFullPath(Path.Combine(paths.Data, entry.Name));
            if (!entry.Name.StartsWith("recordings/", StringComparison.Ordinal) || !target.StartsWith(recordings + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                throw new InvalidDataException($"the backup holds a file outside recordings/: '{entry.Name}'");
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            entry.ExtractToFile(target, overwrite: false);
            recordingsRestored++;
        }

        if (postgres)
        {
            PostgresTools.Run("pg_restore", "--no-owner", "--exit-on-error", "--dbname", paths.DatabaseUrl!, dump);
            File.Delete(dump);
        }

        var restored = TableCounts.Of(paths.OpenDatabase());
        var wrong = manifest.Tables.Where(t => !restored.TryGetValue(t.Key, out var n) || n != t.Value)
            .Select(t => $"{t.Key}: backup {t.Value}, restored {(restored.TryGetValue(t.Key, out var n) ? n : 0)}").ToList();
        if (recordingsRestored != manifest.Recordings) wrong.Add($"recordings: backup {manifest.Recordings}, restored {recordingsRestored}");
        if (wrong.Count > 0) throw new InvalidDataException($"the restored database does not match the backup: {string.Join("; ", wrong)}");
        return manifest;
    }

    /// <summary>Looks without migrating (opening an <see cref="IvrDatabase"/> would create the schema).</summary>
    private static bool IsEmptyPostgres(string url)
    {
        using var connection = new Npgsql.NpgsqlConnection(PostgresUrl.Parse(url).ConnectionString);
        connection.Open();
        return TableCounts.Of(connection).Count == 0;
    }
}
