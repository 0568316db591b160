using System.Data.Common;
using Ivr.Data.Migrations;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Ivr.Data;

/// <summary>
/// The hotline's database: by default one SQLite file (WAL journal, foreign keys on, a busy timeout so
/// that the call recorder, the lookup service and the console can share it); with a
/// <c>postgresql://</c> URL, a PostgreSQL database several nodes share. <c>Open</c> creates what is
/// missing and applies every pending migration before anything reads it, and refuses a schema newer
/// than this program.
/// </summary>
public sealed class IvrDatabase
{
    /// <summary>How long a connection waits for another writer before failing.</summary>
    public const int BusyTimeoutMilliseconds = 5000;

    private readonly NpgsqlDataSource? _postgres;

    private IvrDatabase(DatabaseDialect dialect, string path, string connectionString, IReadOnlyList<int> appliedNow, NpgsqlDataSource? postgres,
        IReadOnlyList<string>? restoredNow = null)
    {
        RestoredNow = restoredNow ?? [];
        Dialect = dialect;
        Path = path;
        ConnectionString = connectionString;
        AppliedNow = appliedNow;
        _postgres = postgres;
    }

    public DatabaseDialect Dialect { get; }

    /// <summary>The SQLite file, or for PostgreSQL the URL without its password (safe to print).</summary>
    public string Path { get; }

    public string ConnectionString { get; }

    /// <summary>The migration versions this <c>Open</c> applied (empty when the schema was current).</summary>
    public IReadOnlyList<int> AppliedNow { get; }

    /// <summary>The indexes and foreign keys this <c>Open</c> made again because a bulk load that died had left them dropped
    /// (PostgreSQL, <see cref="Calls.PostgresLoadDeferral"/>); empty when nothing was missing.</summary>
    public IReadOnlyList<string> RestoredNow { get; }

    /// <summary>The database a verb uses: PostgreSQL when <paramref name="databaseUrl"/> is given, else the SQLite file.</summary>
    public static IvrDatabase Open(string? databaseUrl, string sqlitePath)
        => string.IsNullOrWhiteSpace(databaseUrl) ? Open(sqlitePath) : OpenPostgres(databaseUrl, MigrationCatalog.All, TimeProvider.System);

    public static IvrDatabase Open(string path) => Open(path, MigrationCatalog.All, TimeProvider.System);

    /// <summary>Opens with an explicit migration list: for tests, and for tools that stop at a version.
    /// A <c>postgresql://</c> URL opens PostgreSQL; anything else is a SQLite file path.</summary>
    public static IvrDatabase Open(string path, IReadOnlyList<Migration> migrations, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(migrations);
        ArgumentNullException.ThrowIfNull(time);
        if (string.IsNullOrWhiteSpace(path))
            throw new ArgumentException("The database path is empty.", nameof(path));
        if (PostgresUrl.LooksLikeUrl(path)) return OpenPostgres(path, migrations, time);
        if (path.Trim() == ":memory:" || path.Contains("Mode=Memory", StringComparison.OrdinalIgnoreCase))
            throw new ArgumentException("The hotline database must be a file: every connection of an in-memory database is a different database.", nameof(path));

        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            ForeignKeys = true,
            Pooling = true,
            DefaultTimeout = BusyTimeoutMilliseconds / 1000,
        }.ToString();

        try
        {
            var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path));
            if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);

            using var connection = OpenSqlite(connectionString);
            using (var wal = connection.CreateCommand())
            {
                wal.CommandText = "PRAGMA journal_mode=WAL;";
                wal.ExecuteNonQuery();
            }
            var applied = new MigrationRunner(time).Apply(connection, migrations);
            return new IvrDatabase(DatabaseDialect.Sqlite, path, connectionString, applied, null);
        }
        catch (Exception ex) when (ex is SqliteException or IOException or UnauthorizedAccessException)
        {
            throw new DatabaseOpenException($"Cannot open the database '{path}': {ex.Message}", ex);
        }
    }

    /// <exception cref="ArgumentException">Not a usable postgresql:// URL.</exception>
    /// <exception cref="InvalidOperationException">The server cannot be reached, refuses the credentials, or holds a newer schema;
    /// the message names the URL without its password.</exception>
    public static IvrDatabase OpenPostgres(string url, IReadOnlyList<Migration> migrations, TimeProvider time)
    {
        var location = PostgresUrl.Parse(url);
        var source = NpgsqlDataSource.Create(location.ConnectionString);
        try
        {
            using var connection = PostgresFailures.Open(source, location.Display);
            var applied = PostgresFailures.Run(location.Display, () => new MigrationRunner(time).Apply(connection, migrations));
            var restored = migrations.Any(m => m.Version == M027BulkLoadDeferrals.Migration.Version)
                ? PostgresFailures.Run(location.Display, () => Calls.PostgresLoadDeferral.RestoreAbandoned(connection))
                : [];
            return new IvrDatabase(DatabaseDialect.PostgreSql, location.Display, location.ConnectionString, applied, source, restored);
        }
        catch
        {
            source.Dispose();
            throw;
        }
    }

    /// <summary>A new open connection (pooled) with this database's per-connection settings.</summary>
    public DbConnection OpenConnection() => _postgres is { } source ? source.OpenConnection() : OpenSqlite(ConnectionString);

    public async Task<DbConnection> OpenConnectionAsync(CancellationToken cancellation)
    {
        if (_postgres is { } source) return await source.OpenConnectionAsync(cancellation).ConfigureAwait(false);
        var connection = new SqliteConnection(ConnectionString);
        try
        {
            await connection.OpenAsync(cancellation).ConfigureAwait(false);
            ApplyConnectionSettings(connection);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static SqliteConnection OpenSqlite(string connectionString)
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            connection.Open();
            ApplyConnectionSettings(connection);
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Every SQLite connection waits for a busy database, and commits with <c>synchronous=FULL</c>: in WAL mode a commit
    /// is then synced to disk before it returns, so what a caller was told is saved (a voice message, a loss report) is
    /// still there after a power loss — with NORMAL the last commits may roll back then. The cost is one fsync per
    /// commit; call events are written in batches, so it is one per batch.
    /// </summary>
    private static void ApplyConnectionSettings(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA busy_timeout={BusyTimeoutMilliseconds}; PRAGMA synchronous=FULL;";
        command.ExecuteNonQuery();
    }
}
