using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Ivr.Data.Calls;

/// <summary>
/// The call recorder's connection. On SQLite one connection stays open from batch to batch with its statements
/// prepared (<see cref="SqliteStatementCache"/>): opening it per batch (its settings, a reader per pragma) and preparing
/// the inserts again were most of what a held call still allocated (issue 13). A batch that fails closes it and the next
/// opens a new one, so a connection that broke is never used twice. On PostgreSQL each batch takes a connection from the
/// pool and gives it back, as any other writer. Used by the recorder's one writer at a time.
/// </summary>
internal sealed class RecorderConnection(IvrDatabase database) : IDisposable
{
    private SqliteStatementCache? _held;

    /// <summary>Runs <paramref name="write"/> in one write transaction and commits it.</summary>
    public void WriteInTransaction<TState>(TState state, Action<DbConnection, DbTransaction, SqliteStatementCache?, TState> write)
    {
        var statements = _held;
        DbConnection connection = statements?.Connection ?? database.OpenConnection();
        if (statements is null && connection is SqliteConnection sqlite) _held = statements = new SqliteStatementCache(sqlite);
        var written = false;
        try
        {
            using (var transaction = connection.BeginWrite())
            {
                write(connection, transaction, statements, state);
                transaction.Commit();
            }
            written = true;
        }
        finally
        {
            if (statements is null) connection.Dispose(); // PostgreSQL: back to the pool
            else if (!written) Dispose();
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
