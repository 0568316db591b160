using Microsoft.Data.Sqlite;
using Statement = Ivr.Data.StatementBatch.Statement;

namespace Ivr.Data.Tests.Storage;

/// <summary>StatementBatch on SQLite: rows bound on the native handle (<see cref="SqliteRowStatement"/>) store what the
/// driver stored, and allocate nothing per row (issue 13: the call recorder's rows at 1,000 held calls).</summary>
public sealed class StatementBatchSqliteTests : IDisposable
{
    private static readonly Statement Insert = new("""
        INSERT INTO t (id, seq, at, kind, note, ratio) VALUES (@id, @seq, @at, @kind, @note, @ratio);
        """, "@id", "@seq", "@at", "@kind", "@note", "@ratio");

    private readonly SqliteConnection _connection = new("Data Source=:memory:");

    public StatementBatchSqliteTests()
    {
        _connection.Open();
        using var create = _connection.CreateCommand();
        create.CommandText = "CREATE TABLE t (id TEXT NOT NULL, seq INTEGER NOT NULL, at TEXT, kind TEXT, note TEXT, ratio REAL, UNIQUE (id, seq));";
        create.ExecuteNonQuery();
    }

    [Fact]
    public void Add_TextIntegersRealsAndNull_StoredAsTheDriverStoresThem()
    {
        using (var transaction = _connection.BeginTransaction())
        {
            using var batch = new StatementBatch(_connection, transaction);
            batch.Add(Insert, "call-1", 1L, "2026-12-03T12:00:00.000Z", "Prompt", "欢迎致电12333", 0.5);
            batch.Add(Insert, "call-1", 2, null, "Key", null, null);
            batch.Add(Insert, "call-2", 1L, "", "Hangup", new string('x', 5000), -1.25);
            transaction.Commit();
        }

        using var read = _connection.CreateCommand();
        read.CommandText = "SELECT id, seq, typeof(seq), at, kind, note, ratio FROM t ORDER BY id, seq";
        using var reader = read.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
            rows.Add(string.Join("|", Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "NULL" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))));
        Assert.Equal(
        [
            "call-1|1|integer|2026-12-03T12:00:00.000Z|Prompt|欢迎致电12333|0.5",
            "call-1|2|integer|NULL|Key|NULL|NULL",
            "call-2|1|integer||Hangup|" + new string('x', 5000) + "|-1.25",
        ], rows);
    }

    [Fact]
    public void Add_DuplicateRow_ThrowsSqliteExceptionAndTheBatchGoesOn()
    {
        using var transaction = _connection.BeginTransaction();
        using var batch = new StatementBatch(_connection, transaction);
        batch.Add(Insert, "call-1", 1L, null, "Prompt", null, null);

        var error = Assert.Throws<SqliteException>(() => batch.Add(Insert, "call-1", 1L, null, "Prompt", null, null));
        batch.Add(Insert, "call-1", 2L, null, "Key", null, null);

        Assert.Equal(19, error.SqliteErrorCode); // SQLITE_CONSTRAINT
        using var count = _connection.CreateCommand();
        count.CommandText = "SELECT count(*) FROM t";
        Assert.Equal(2L, count.ExecuteScalar());
    }

    [Fact]
    public void Add_Rows_AllocateNothingPerRow()
    {
        // The values are made before measuring (the recorder makes them per event); what is measured is the driver's cost.
        const int rows = 2_000;
        var values = Enumerable.Range(0, 4 * rows).Select(i => new object?[] { "call-" + i, (long)i, "2026-12-03T12:00:00.000Z", "Prompt", "welcome", 0.25 }).ToArray();
        using var transaction = _connection.BeginTransaction();
        using var batch = new StatementBatch(_connection, transaction);
        var next = 0;
        long Pass()
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < rows; i++) batch.Add(Insert, values[next++]);
            return GC.GetAllocatedBytesForCurrentThread() - before;
        }

        Pass(); // prepares the statement, grows the text buffer, lets the JIT finish
        var least = Math.Min(Pass(), Math.Min(Pass(), Pass()));
        Assert.True(least < rows, $"{least} bytes for {rows} rows ({(double)least / rows:0.0} per row)"); // the driver: ~2 KB per row
    }

    public void Dispose() => _connection.Dispose();
}
