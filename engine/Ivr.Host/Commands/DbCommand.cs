using System.Diagnostics;
using Ivr.Data;
using Ivr.Data.Seeding;

namespace Ivr.Host.Commands;

public sealed class DbCommand : CommandBase
{
    public override string Name => "db";

    public override string Summary => "database: 'db migrate', 'db seed [--people N]', 'db backup FILE', 'db restore FILE', 'db prune [--dry-run]'";

    public override string Usage => $"""
        usage: ivr db migrate
               ivr db seed [--people N] [--seed S]
               ivr db backup FILE
               ivr db restore FILE
               ivr db prune [--dry-run] [--retention FILE]

        migrate   creates the database (DATA/ivr.db) or applies pending migrations.
        seed      inserts the documented demo identities (README) and N synthetic people with
                  valid resident IDs, cards, pensions and contributions (default N = 1000).
        backup    writes FILE (.tar.gz): the database — consistent while the server runs (SQLite's online
                  backup; pg_dump for PostgreSQL) — its row counts, the recordings and DATA/secrets/hash-key (a key
                  named by --hash-key is not copied: the output says so; keep that file with the backup).
        restore   puts FILE back into an empty --data folder (and for PostgreSQL an empty --database), then
                  checks every table's row count and the recordings against the backup.
        prune     deletes what deploy/retention.yaml keeps no longer (call events, handled recordings, access log; masks
                  old fax numbers) in small batches, prints the counts per kind and audits it; --dry-run only counts.

          --people N       synthetic people to generate (0 .. 10,000,000)
          --seed S         random seed, for repeatable data (default 12333)
          --retention FILE retention periods (default: deploy/retention.yaml when present, else the built-in defaults)
          --dry-run        prune: count only
        {IvrPaths.Help}
        """;

    protected override IReadOnlyCollection<string> ValuedOptions => [.. IvrPaths.Options, "people", "seed", "retention"];

    protected override IReadOnlyCollection<string> Switches => ["dry-run"];

    protected override Task<int> RunAsync(CommandLine line, CancellationToken cancellation)
    {
        var paths = IvrPaths.From(line);
        if (line.Positional.FirstOrDefault() != "restore") Directory.CreateDirectory(paths.Data);
        switch (line.Positional.FirstOrDefault())
        {
            case "migrate":
                var database = paths.OpenDatabase();
                Console.WriteLine(database.AppliedNow.Count == 0
                    ? $"{database.Path}: schema is current"
                    : $"{database.Path}: applied migrations {string.Join(", ", database.AppliedNow)}");
                if (database.RestoredNow.Count > 0)
                    Console.WriteLine($"{database.Path}: made again what an interrupted bulk load had dropped: {string.Join(", ", database.RestoredNow)}");
                return Task.FromResult(0);
            case "seed":
                var people = line.GetInt("people", 1000, 0, 10_000_000);
                var seed = line.GetInt("seed", 12333);
                var clock = Stopwatch.StartNew();
                var seeded = paths.OpenDatabase();
                DemoSeeder.Seed(seeded, people, seed, SeedOptions.Today(TimeProvider.System));
                Console.WriteLine($"{seeded.Path}: demo identities and {people:N0} people seeded in {clock.Elapsed.TotalSeconds:0.0} s");
                return Task.FromResult(0);
            case "backup":
                var target = line.Positional.Skip(1).FirstOrDefault() ?? throw new UsageException("say where: ivr db backup FILE");
                var watch = Stopwatch.StartNew();
                Backups.BackupManifest made;
                try
                {
                    made = Backups.DatabaseBackup.Create(paths, paths.OpenDatabase(), target, TimeProvider.System);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    Console.Error.WriteLine($"ivr db: no backup written to {target}: {ex.Message}");
                    return Task.FromResult(1);
                }

                Backups.ManualBackupRecord.Write(paths, target, made, watch.Elapsed);

                Console.WriteLine($"{target}: {made.Dialect} database ({made.Tables.Values.Sum():N0} rows in {made.Tables.Count} tables) and {made.Recordings} recordings, in {watch.Elapsed.TotalSeconds:0.0} s");
                Console.WriteLine(HashKeyNote(made, paths));
                return Task.FromResult(0);
            case "restore":
                var source = line.Positional.Skip(1).FirstOrDefault() ?? throw new UsageException("say which: ivr db restore FILE");
                Backups.BackupManifest restored;
                try
                {
                    restored = Backups.DatabaseRestore.Run(source, paths);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException or System.Text.Json.JsonException)
                {
                    Console.Error.WriteLine($"ivr db: restore failed: {ex.Message}");
                    return Task.FromResult(1);
                }

                Console.WriteLine(HashKeyNote(restored, paths));
                Console.WriteLine($"{(paths.DatabaseUrl is null ? paths.Database : "the database")}: restored the backup of {restored.CreatedAt:yyyy-MM-dd HH:mm:ss zzz}; {restored.Tables.Values.Sum():N0} rows in {restored.Tables.Count} tables match, {restored.Recordings} recordings");
                return Task.FromResult(0);
            case "prune":
                return DbPruneVerb.RunAsync(line, paths, cancellation);
            default:
                throw new UsageException("say 'migrate', 'seed', 'backup FILE', 'restore FILE' or 'prune'");
        }
    }

    /// <summary>Where the hash key of a backup is: in it, or a file the operators keep beside it (the PIN tables' keys
    /// match nothing without it).</summary>
    private static string HashKeyNote(Backups.BackupManifest manifest, IvrPaths paths) => manifest.HashKey
        ? $"hash key: in the backup ({Backups.DatabaseBackup.HashKeyEntry}; a restore puts it in {Secrets.HashKeyFile.DefaultPath(paths.Data)})"
        : $"hash key: NOT in the backup; keep the deployment's key file{(paths.HashKeyFile is { } file ? $" ({file})" : "")} with it and serve the restored database with --hash-key FILE";
}
