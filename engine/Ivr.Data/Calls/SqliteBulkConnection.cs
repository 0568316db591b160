using Microsoft.Data.Sqlite;

namespace Ivr.Data.Calls;

/// <summary>
/// The connection a bulk import writes SQLite through: its own, never pooled (the settings below must not reach another
/// user of the database). Into a database that holds no call yet — a fresh one, what a benchmark or a first import seeds —
/// it loads without a journal, holding the file's lock throughout (<c>locking_mode=EXCLUSIVE</c>, <c>journal_mode=OFF</c>,
/// <c>synchronous=OFF</c>): every page is written once instead of to the WAL and again at each checkpoint, and no
/// reader can see the half-loaded file. A crash mid-load can leave that fresh file unusable; nothing else is in it.
/// Into a database with calls it keeps the WAL (a crash loses the last transactions, never consistency) and only skips
/// waiting for the disk at each commit. Either way foreign keys are not looked up per row: <see cref="CallImport"/> writes
/// a call's events only after the call's own row, in the same transaction, and refuses an event of another call. <see cref="Dispose"/> puts the WAL back for every later connection.
/// </summary>
internal sealed class SqliteBulkConnection : IDisposable
{
    private const string PageCache = "PRAGMA cache_size=-131072;"; // 128 MiB while loading

    private readonly string _connectionString;

    private SqliteBulkConnection(SqliteConnection connection, string connectionString, bool withoutJournal)
    {
        Connection = connection;
        _connectionString = connectionString;
        WithoutJournal = withoutJournal;
    }

    public SqliteConnection Connection { get; }

    /// <summary>Whether the load runs without a journal (the database held no call when it began).</summary>
    public bool WithoutJournal { get; }

    public static SqliteBulkConnection Open(string connectionString)
    {
        using (var pooled = new SqliteConnection(connectionString)) SqliteConnection.ClearPool(pooled); // idle WAL connections of this process
        var unpooled = new SqliteConnectionStringBuilder(connectionString) { Pooling = false }.ToString();
        var connection = new SqliteConnection(unpooled);
        try
        {
            connection.Open();
            Run(connection, $"PRAGMA synchronous=OFF; PRAGMA foreign_keys=OFF; {PageCache}");
            var fresh = Scalar(connection, "SELECT NOT EXISTS (SELECT 1 FROM calls);") == "1";
            var withoutJournal = fresh && EnterWithoutJournal(connection);
            Run(connection, $"PRAGMA busy_timeout={IvrDatabase.BusyTimeoutMilliseconds};");
            return new SqliteBulkConnection(connection, unpooled, withoutJournal);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        Connection.Dispose(); // unpooled: closing releases the exclusive lock
        if (!WithoutJournal) return;
        using var restore = new SqliteConnection(_connectionString);
        restore.Open();
        if (Scalar(restore, "PRAGMA journal_mode=WAL;") != "wal")
            throw new InvalidOperationException("the database could not be put back into WAL mode after the bulk load");
    }

    /// <summary>Drops the journal for the load, unless another connection has the database open (then it keeps the WAL).</summary>
    private static bool EnterWithoutJournal(SqliteConnection connection)
    {
        Run(connection, "PRAGMA busy_timeout=0; PRAGMA locking_mode=EXCLUSIVE;");
        try
        {
            if (Scalar(connection, "PRAGMA journal_mode=OFF;", retryForSeconds: 1) == "off") return true;
        }
        catch (SqliteException busy) when (busy.SqliteErrorCode is 5 or 6) // SQLITE_BUSY, SQLITE_LOCKED: not alone
        {
        }
        Run(connection, "PRAGMA locking_mode=NORMAL;");
        return false;
    }

    private static void Run(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <param name="retryForSeconds">How long the driver retries a busy database (it does so itself, for the command's timeout).</param>
    private static string? Scalar(SqliteConnection connection, string sql, int retryForSeconds = IvrDatabase.BusyTimeoutMilliseconds / 1000)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = retryForSeconds;
        return Convert.ToString(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
