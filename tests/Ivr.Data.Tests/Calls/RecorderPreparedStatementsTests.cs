using Ivr.Core.Calls;
using Ivr.Data.Calls;
using Microsoft.Data.Sqlite;

namespace Ivr.Data.Tests.Calls;

/// <summary>
/// On SQLite the rollups of the calls a recorder batch ends go through the recorder's prepared statements, kept from batch
/// to batch (<see cref="SqliteStatementCache"/>) like its inserts: before, every batch that ended a call prepared the rollup
/// upserts and the rolled-up mark again (and disposed them at its end).
/// </summary>
public sealed class RecorderPreparedStatementsTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 3, 9, 30, 0, TimeSpan.FromHours(8));
    private readonly TempDatabase _file = new();
    private readonly SqliteConnection _connection;
    private readonly SqliteStatementCache _statements;

    public RecorderPreparedStatementsTests()
    {
        _connection = (SqliteConnection)_file.Open().OpenConnection();
        _statements = new SqliteStatementCache(_connection);
    }

    [Fact]
    public void EndedCalls_RollUpThroughTheKeptStatements_PreparedOnce()
    {
        Write(new CallStart("c1", "13012345273", "12333", "v7", "main", T0), new CallEvent("c1", 0, T0.AddSeconds(1), CallEventKind.NodeEntered, "v7", "main.menu"),
            new CallStart("c2", "13012345274", "12333", "v7", "main", T0), new CallEvent("c2", 0, T0.AddSeconds(1), CallEventKind.NodeEntered, "v7", "main.menu"));

        Write(new CallEnd("c1", T0.AddSeconds(30), "completed"));
        var afterFirstEnd = _statements.Prepared.ToList();
        Write(new CallEnd("c2", T0.AddSeconds(40), "abandoned"));

        foreach (var table in new[] { "INSERT INTO rollup_calls", "INSERT INTO rollup_paths", "INSERT INTO rollup_path_months", "INSERT INTO rollup_versions", "UPDATE calls SET rolled_up" })
            Assert.Contains(afterFirstEnd, sql => sql.Contains(table, StringComparison.Ordinal));
        Assert.Equal(afterFirstEnd, _statements.Prepared);
        using var check = _connection.CreateCommand();
        check.CommandText = "SELECT sum(calls) FROM rollup_calls;";
        Assert.Equal(2L, check.ExecuteScalar());
    }

    public void Dispose()
    {
        _statements.Dispose();
        _connection.Dispose();
        _file.Dispose();
    }

    private void Write(params object[] items)
    {
        using var transaction = _connection.BeginWrite();
        CallWriteBatch.Write(_connection, transaction, items, "n1", _statements);
        transaction.Commit();
    }
}
