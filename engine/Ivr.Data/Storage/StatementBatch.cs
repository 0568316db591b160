using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Ivr.Data;

/// <summary>
/// Many executions of a few statements in one transaction, the fastest way each database allows:
/// SQLite runs each statement prepared once and bound again per row (on the native handle, <see cref="SqliteRowStatement"/>:
/// no allocation per row in the driver); PostgreSQL gathers every row into
/// one <see cref="DbBatch"/> sent in a single round trip at <see cref="Execute"/>.
/// Statements are written with named parameters (<c>@name</c>), given in binding order.
/// </summary>
internal sealed class StatementBatch : IDisposable
{
    private readonly DbConnection _connection;
    private readonly DbTransaction? _transaction;
    private readonly DbBatch? _batch;
    private Dictionary<Statement, DbCommand>? _prepared; // the driver's commands, for values SQLite's handle cannot bind; made when first needed
    private readonly SqliteStatementCache? _native;
    private readonly bool _ownsNative;

    /// <param name="statements">SQLite: statements prepared on <paramref name="connection"/> that outlive this batch (the
    /// call recorder's); without it the batch prepares its own and disposes them with itself.</param>
    public StatementBatch(DbConnection connection, DbTransaction? transaction, SqliteStatementCache? statements = null)
    {
        _connection = connection;
        _transaction = transaction;
        if (connection is SqliteConnection sqlite)
        {
            if (statements is not null && statements.Connection != sqlite)
                throw new ArgumentException("the statements were prepared on another connection", nameof(statements));
            _ownsNative = statements is null;
            _native = statements ?? new SqliteStatementCache(sqlite);
        }
        if (connection.CanCreateBatch)
        {
            _batch = connection.CreateBatch();
            _batch.Transaction = transaction;
        }
    }

    /// <summary>Runs (SQLite) or queues (PostgreSQL) one execution of <paramref name="statement"/>.</summary>
    public void Add(Statement statement, params object?[] values)
    {
        if (_batch is null && _native is not null && SqliteRowStatement.CanBind(values))
        {
            _native.Get(statement).Run(values);
            return;
        }

        if (_batch is null)
        {
            _prepared ??= [];
            if (!_prepared.TryGetValue(statement, out var command))
                _prepared[statement] = command = PreparedCommand.Prepare(_connection, _transaction, statement.Sql, statement.Names);
            PreparedCommand.Run(command, values);
            return;
        }
        AddPositional(statement.Positional, values);
    }

    /// <summary>SQLite: <paramref name="statement"/> prepared on the native handle, for a caller that binds a row's values
    /// itself (typed, without an array of boxed values); null where statements are gathered (PostgreSQL).</summary>
    public SqliteRowStatement? Native(Statement statement) => _batch is null ? _native?.Get(statement) : null;

    /// <summary>Whether statements are gathered into one round trip (PostgreSQL) rather than run one by one (SQLite).</summary>
    public bool Gathers => _batch is not null;

    /// <summary>Queues one statement with positional parameters (<c>$1</c> …), e.g. a multi-row insert from arrays;
    /// only where <see cref="Gathers"/>.</summary>
    public void AddPositional(string sql, params object?[] values)
    {
        if (_batch is null) throw new InvalidOperationException("Positional statements are gathered only on PostgreSQL.");
        var queued = _batch.CreateBatchCommand();
        queued.CommandText = sql;
        foreach (var value in values)
        {
            var parameter = queued.CreateParameter();
            parameter.Value = value ?? DBNull.Value;
            queued.Parameters.Add(parameter);
        }
        _batch.BatchCommands.Add(queued);
    }

    /// <summary>Sends what is queued (PostgreSQL); SQLite has run everything already.</summary>
    public void Execute()
    {
        if (_batch is { BatchCommands.Count: > 0 }) _batch.ExecuteNonQuery();
    }

    public void Dispose()
    {
        _batch?.Dispose();
        if (_prepared is not null)
            foreach (var command in _prepared.Values) command.Dispose();
        if (_ownsNative) _native?.Dispose();
    }

    /// <summary>One statement with named parameters (<c>@name</c>, SQLite) and the same with positional ones (<c>$1</c>, PostgreSQL batches).</summary>
    public sealed class Statement
    {
        public Statement(string sql, params string[] names)
        {
            Sql = sql;
            Names = names;
            var positional = sql;
            foreach (var (name, index) in names.Select((n, i) => (n, i)).OrderByDescending(p => p.n.Length))
                positional = positional.Replace(name, "$" + (index + 1), StringComparison.Ordinal);
            Positional = positional;
        }

        public string Sql { get; }

        public string[] Names { get; }

        public string Positional { get; }
    }
}
