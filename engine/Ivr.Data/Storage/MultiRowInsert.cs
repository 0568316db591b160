using System.Data.Common;
using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Ivr.Data;

/// <summary>
/// Rows appended to one table by multi-row <c>INSERT … VALUES (…), (…), …</c> statements of <see cref="RowsPerStatement"/>
/// rows, prepared once and bound again per group: for bulk loads, where one statement per row costs more in the driver
/// than the database spends storing the row. On SQLite the statement is bound by position through the native handle
/// (the ADO.NET driver looks every parameter up by name, which grows with the square of a statement's parameters); on
/// PostgreSQL it is a command with positional parameters (<c>$1</c>, …), which the driver prepares on reuse. The last, shorter group is
/// written by <see cref="Flush"/>. Values: text, integers, reals or null.
/// </summary>
internal sealed class MultiRowInsert(DbConnection connection, DbTransaction transaction, string table, params string[] columns) : IBulkRows
{
    /// <summary>Rows per statement: 64 rows of up to 16 columns stay far below either database's parameter limit.</summary>
    public const int RowsPerStatement = 64;

    private readonly object?[] _values = new object?[RowsPerStatement * columns.Length];
    private readonly sqlite3? _sqlite = (connection as SqliteConnection)?.Handle;
    private sqlite3_stmt? _fullNative;
    private DbCommand? _full;
    private int _rows;

    /// <summary>Adds one row, its values in column order; writes a full group.</summary>
    public void Add(params object?[] row)
    {
        if (row.Length != columns.Length) throw new ArgumentException($"{table}: {columns.Length} values expected, {row.Length} given.", nameof(row));
        row.CopyTo(_values, _rows * columns.Length);
        if (++_rows < RowsPerStatement) return;
        Write(RowsPerStatement, full: true);
        _rows = 0;
    }

    /// <summary>Writes the rows of the last, incomplete group.</summary>
    public void Flush()
    {
        if (_rows == 0) return;
        Write(_rows, full: false);
        _rows = 0;
    }

    public void Dispose()
    {
        _fullNative?.Dispose();
        _full?.Dispose();
    }

    private void Write(int rows, bool full)
    {
        var count = rows * columns.Length;
        if (_sqlite is not null)
        {
            var statement = full ? _fullNative ??= PrepareNative(rows) : PrepareNative(rows);
            try
            {
                Run(statement, count);
            }
            finally
            {
                if (!full) statement.Dispose();
            }
            return;
        }

        var command = full ? _full ??= Prepare(rows) : Prepare(rows);
        try
        {
            PreparedCommand.Run(command, full ? _values : _values[..count]);
        }
        finally
        {
            if (!full) command.Dispose();
        }
    }

    private void Run(sqlite3_stmt statement, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var result = _values[i] switch
            {
                null => raw.sqlite3_bind_null(statement, i + 1),
                string text => SqliteText.Bind(statement, i + 1, text),
                long number => raw.sqlite3_bind_int64(statement, i + 1, number),
                int number => raw.sqlite3_bind_int64(statement, i + 1, number),
                double real => raw.sqlite3_bind_double(statement, i + 1, real),
                var other => throw new ArgumentException($"{table}: a {other.GetType().Name} cannot be bulk-inserted"),
            };
            Check(result);
        }
        var step = raw.sqlite3_step(statement);
        raw.sqlite3_reset(statement);
        if (step != raw.SQLITE_DONE) Check(step);
    }

    private void Check(int result)
    {
        if (result is raw.SQLITE_OK or raw.SQLITE_DONE) return;
        SqliteException.ThrowExceptionForRC(result, _sqlite);
    }

    private sqlite3_stmt PrepareNative(int rows)
    {
        Check(raw.sqlite3_prepare_v2(_sqlite, Sql(rows, (_, _) => "?"), out var statement));
        return statement;
    }

    private DbCommand Prepare(int rows)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = Sql(rows, (r, c) => $"${r * columns.Length + c + 1}");
        for (var i = 0; i < rows * columns.Length; i++) command.Parameters.Add(command.CreateParameter());
        return command;
    }

    private string Sql(int rows, Func<int, int, string> parameter)
    {
        var sql = new StringBuilder($"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ");
        for (var r = 0; r < rows; r++)
        {
            sql.Append(r == 0 ? "(" : ", (");
            for (var c = 0; c < columns.Length; c++) sql.Append(c == 0 ? "" : ", ").Append(parameter(r, c));
            sql.Append(')');
        }
        return sql.Append(';').ToString();
    }
}
