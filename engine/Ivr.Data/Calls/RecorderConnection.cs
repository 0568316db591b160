using System.Data.Common;
using Microsoft.Data.Sqlite;
using Statement = Ivr.Data.StatementBatch.Statement;

namespace Ivr.Data.Calls;

/// <summary>
/// The call recorder's connection. On SQLite one connection stays open from batch to batch with its statements
/// prepared (<see cref="SqliteStatementCache"/>): opening it per batch (its settings, a reader per pragma) and preparing
/// the inserts again were most of what a held call still allocated (issue 13). Its transaction is begun and committed by
/// statements prepared there too (<c>BEGIN IMMEDIATE</c>, <c>COMMIT</c>: the driver's own transaction made a command, a
/// reader and a prepared statement for each — a batch allocated ~1.7 KB, 176 B now, session 17; ~10 % of a 1,000-call
/// hold's garbage), so the write is given no <see cref="DbTransaction"/> there: the driver's commands run in the open
/// transaction without one. A batch that fails rolls back what it began and closes the connection; the next opens a new
/// one, so a connection that broke is never used twice. On PostgreSQL each batch takes a connection from the pool and
/// gives it back, as any other writer. Used by the recorder's one writer at a time.
/// </summary>
internal sealed class RecorderConnection(IvrDatabase database) : IDisposable
{
    private SqliteStatementCache? _held;

    private static readonly Statement Begin = new("BEGIN IMMEDIATE;");
    private static readonly Statement Commit = new("COMMIT;");
    private static readonly Statement Rollback = new("ROLLBACK;");

    /// <summary>Runs <paramref name="write"/> in one write transaction and commits it. The transaction it is given is
    /// null on SQLite (begun on the held connection itself), the driver's on PostgreSQL.</summary>
    public void WriteInTransaction<TState>(TState state, Action<DbConnection, DbTransaction?, SqliteStatementCache?, TState> write)
    {
        var statements = _held;
        DbConnection connection = statements?.Connection ?? database.OpenConnection();
        if (statements is null && connection is SqliteConnection sqlite) _held = statements = new SqliteStatementCache(sqlite);
        if (statements is not null)
        {
            WriteHeld(statements, state, write);
            return;
        }

        try
        {
            using var transaction = connection.BeginWrite();
            write(connection, transaction, null, state);
            transaction.Commit();
        }
        finally
        {
            connection.Dispose(); // PostgreSQL: back to the pool
        }
    }

    private void WriteHeld<TState>(SqliteStatementCache statements, TState state, Action<DbConnection, DbTransaction?, SqliteStatementCache?, TState> write)
    {
        try
        {
            statements.Get(Begin).Execute(); // the connection's busy timeout waits for another writer, as the driver's would
            write(statements.Connection, null, statements, state);
            statements.Get(Commit).Execute();
        }
        catch
        {
            RollBack(statements);
            Dispose(); // the next batch opens a new connection
            throw;
        }
    }

    /// <summary>Ends what the failed batch began, if it still is open: the driver does not know of a transaction begun by
    /// SQL, and its pool would hand the connection, transaction and all, to the next one to open it.</summary>
    private static void RollBack(SqliteStatementCache statements)
    {
        if (statements.Connection.Handle is not { } handle || SQLitePCL.raw.sqlite3_get_autocommit(handle) != 0) return;
        try
        {
            statements.Get(Rollback).Execute();
        }
        catch (SqliteException)
        {
            // the connection is broken beyond a rollback: it is closed next, which ends the transaction with it
        }
    }

    /// <summary>Closes the held SQLite connection, if any (the next write opens another).</summary>
    public void Dispose()
    {
        if (_held is not { } held) return;
        _held = null;
        held.Dispose();
        held.Connection.Dispose();
    }
}
