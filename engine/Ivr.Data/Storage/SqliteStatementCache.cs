using Microsoft.Data.Sqlite;
using Statement = Ivr.Data.StatementBatch.Statement;

namespace Ivr.Data;

/// <summary>
/// The statements of one SQLite connection, each prepared on its native handle once (<see cref="SqliteRowStatement"/>)
/// and kept across transactions for as long as the connection stays open: the call recorder keeps its connection
/// between batches, so a batch neither opens a connection nor prepares a statement (issue 13: both were most of what a
/// held call still allocated). Disposed before its connection. Not thread-safe.
/// </summary>
internal sealed class SqliteStatementCache(SqliteConnection connection) : IDisposable
{
    private readonly Dictionary<Statement, SqliteRowStatement> _prepared = [];

    public SqliteConnection Connection => connection;

    /// <summary>The statements prepared so far (their SQL).</summary>
    public IEnumerable<string> Prepared => _prepared.Keys.Select(s => s.Sql);

    /// <summary><paramref name="statement"/> prepared on this cache's connection (prepared now the first time).</summary>
    public SqliteRowStatement Get(Statement statement)
    {
        if (!_prepared.TryGetValue(statement, out var native))
            _prepared[statement] = native = new SqliteRowStatement(connection, statement.Sql, statement.Names);
        return native;
    }

    public void Dispose()
    {
        foreach (var native in _prepared.Values) native.Dispose();
        _prepared.Clear();
    }
}
