using Ivr.Data.Migrations;
using Microsoft.Data.Sqlite;

namespace Ivr.Data;

/// <summary>
/// The hotline's SQLite database: one file, WAL journal, foreign keys on, a busy timeout so that
/// the call recorder, the lookup service and the console can share it. <see cref="Open(string)"/>
/// creates the file when missing and applies every pending migration before anything reads it.
/// </summary>
public sealed class IvrDatabase
{
    /// <summary>How long a connection waits for another writer before failing.</summary>
    public const int BusyTimeoutMilliseconds = 5000;

    private IvrDatabase(string path, string connectionString, IReadOnlyList<int> appliedNow)
    {
        Path = path;
        ConnectionString = connectionString;
        AppliedNow = appliedNow;
    }

    public string Path { get; }

    public string ConnectionString { get; }

    /// <summary>The migration versions this <c>Open</c> applied (empty when the schema was current).</summary>
    public IReadOnlyList<int> AppliedNow { get; }

    public static IvrDatabase Open(string path) => Open(path, MigrationCatalog.All, TimeProvider.System);

    /// <summary>Opens with an explicit migration list: for tests, and for tools that stop at a version.</summary>
    public static IvrDatabase Open(string path, IReadOnlyList<Migration> migrations, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(migrations);
        ArgumentNullException.ThrowIfNull(time);
        if (string.IsNullOrWhiteSpace(path))
            throw new ArgumentException("The database path is empty.", nameof(path));
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

            using var connection = OpenConnection(connectionString);
            using (var wal = connection.CreateCommand())
            {
                wal.CommandText = "PRAGMA journal_mode=WAL;";
                wal.ExecuteNonQuery();
            }
            var applied = new MigrationRunner(time).Apply(connection, migrations);
            return new IvrDatabase(path, connectionString, applied);
        }
        catch (Exception ex) when (ex is SqliteException or IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"Cannot open the database '{path}': {ex.Message}", ex);
        }
    }

    /// <summary>A new open connection (pooled) with this database's per-connection settings.</summary>
    public SqliteConnection OpenConnection() => OpenConnection(ConnectionString);

    public async Task<SqliteConnection> OpenConnectionAsync(CancellationToken cancellation)
    {
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

    private static SqliteConnection OpenConnection(string connectionString)
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

    private static void ApplyConnectionSettings(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA busy_timeout={BusyTimeoutMilliseconds}; PRAGMA synchronous=NORMAL;";
        command.ExecuteNonQuery();
    }
}
