using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Ivr.Data;

/// <summary>
/// One SQLite statement with named parameters, prepared once on the connection's native handle and executed per row
/// bound by position — what <see cref="StatementBatch"/> does for each row on SQLite. The ADO.NET driver's
/// <c>ExecuteNonQuery</c> allocated about 2 KB per row (a data reader, a statement enumerator, a binder per
/// parameter): at 1,000 held calls the call recorder's rows were most of the server's steady-state allocation (issue 13).
/// Text is bound from a stack or pooled UTF-8 buffer (SQLite copies it), so a row of text, integers and reals allocates nothing
/// here. Runs inside the connection's transaction like any of its commands. Not thread-safe.
/// </summary>
internal sealed class SqliteRowStatement : IDisposable
{
    private readonly sqlite3 _database;
    private readonly sqlite3_stmt _statement;

    private readonly int[] _positions;

    public SqliteRowStatement(SqliteConnection connection, string sql, IReadOnlyList<string> names)
    {
        _database = connection.Handle ?? throw new InvalidOperationException("the SQLite connection is not open");
        Check(raw.sqlite3_prepare_v2(_database, sql, out _statement));
        _positions = new int[names.Count];
        for (var i = 0; i < names.Count; i++)
        {
            _positions[i] = raw.sqlite3_bind_parameter_index(_statement, names[i]);
            if (_positions[i] == 0) throw new ArgumentException($"the statement has no parameter {names[i]}", nameof(names));
        }
    }

    /// <summary>Whether every value can be bound here: null, text, integers, reals (anything else goes through the driver).</summary>
    public static bool CanBind(object?[] values)
    {
        foreach (var value in values)
            if (value is not (null or string or long or int or double)) return false;
        return true;
    }

    /// <summary>Binds <paramref name="values"/> in the order of the names given at construction and executes once.</summary>
    public void Run(object?[] values)
    {
        if (values.Length != _positions.Length) throw new ArgumentException($"{_positions.Length} values expected, {values.Length} given", nameof(values));
        for (var i = 0; i < values.Length; i++) Check(Bind(_positions[i], values[i]));
        Execute();
    }

    /// <summary>Binds the <paramref name="index"/>-th named parameter (the order given at construction) to text, or null.</summary>
    public void Text(int index, string? text) => Check(text is null ? raw.sqlite3_bind_null(_statement, _positions[index]) : BindText(_positions[index], text));

    /// <summary>Binds the <paramref name="index"/>-th named parameter to text held in <paramref name="text"/> (a stack buffer: nothing allocated).</summary>
    public void Text(int index, ReadOnlySpan<char> text) => Check(BindText(_positions[index], text));

    /// <summary>Binds the <paramref name="index"/>-th named parameter to an integer.</summary>
    public void Integer(int index, long number) => Check(raw.sqlite3_bind_int64(_statement, _positions[index], number));

    /// <summary>Executes once with the values bound (<see cref="Text(int, string?)"/>, <see cref="Integer"/>), then clears them.</summary>
    public void Execute()
    {
        try
        {
            var step = raw.sqlite3_step(_statement);
            if (step != raw.SQLITE_DONE) Check(step);
        }
        finally
        {
            raw.sqlite3_reset(_statement);
            raw.sqlite3_clear_bindings(_statement);
        }
    }

    public void Dispose() => _statement.Dispose();

    private int Bind(int position, object? value) => value switch
    {
        null => raw.sqlite3_bind_null(_statement, position),
        string text => BindText(position, text),
        long number => raw.sqlite3_bind_int64(_statement, position, number),
        int number => raw.sqlite3_bind_int64(_statement, position, number),
        double real => raw.sqlite3_bind_double(_statement, position, real),
        _ => throw new ArgumentException($"a {value.GetType().Name} is not bound natively (check {nameof(CanBind)} first)", nameof(value)),
    };

    private int BindText(int position, ReadOnlySpan<char> text) => SqliteText.Bind(_statement, position, text);

    private void Check(int result)
    {
        if (result is raw.SQLITE_OK or raw.SQLITE_DONE) return;
        SqliteException.ThrowExceptionForRC(result, _database);
    }
}
