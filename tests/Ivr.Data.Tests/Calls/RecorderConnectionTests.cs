using Ivr.Core.Calls;
using Ivr.Data.Calls;

namespace Ivr.Data.Tests.Calls;

/// <summary>
/// The recorder's held SQLite connection begins and commits its transaction by SQL (session 17): a batch that fails part
/// way leaves nothing of it stored, and the next batch — on a new connection, maybe the same one from the driver's pool —
/// begins its own transaction and is stored, so a failure never leaves a transaction open for the next batch.
/// </summary>
public sealed class RecorderConnectionTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 3, 9, 30, 0, TimeSpan.FromHours(8));
    private readonly TempDatabase _file = new();
    private readonly IvrDatabase _database;
    private readonly RecorderConnection _connection;

    public RecorderConnectionTests()
    {
        _database = _file.Open();
        _connection = new RecorderConnection(_database);
        Write([new CallStart("c1", "13012345273", "12333", "v7", "main", T0)]);
    }

    [Fact]
    public void FailedBatch_StoresNothingOfIt_NextBatchStored()
    {
        var failing = Assert.ThrowsAny<Exception>(() => _connection.WriteInTransaction(0, static (connection, transaction, statements, _) =>
        {
            CallWriteBatch.Write(connection, transaction, [Event("c1", 1)], "node-1", statements);
            throw new InvalidOperationException("the batch fails after its first row");
        }));
        Assert.Equal("the batch fails after its first row", failing.Message);

        var refused = Assert.ThrowsAny<Exception>(() => Write([Event("c1", 2), Event("ghost", 0)])); // no such call: the database refuses
        Assert.IsNotType<InvalidOperationException>(refused);

        Write([Event("c1", 3)]);
        Write([Event("c1", 4)]);

        Assert.Equal([3L, 4L], StoredSequences());
    }

    private List<long> StoredSequences()
    {
        using var connection = _database.OpenConnection();
        return Dapper.SqlMapper.Query<long>(connection, "SELECT seq FROM call_events WHERE call_id = 'c1' ORDER BY seq").ToList();
    }

    private static CallEvent Event(string call, int sequence) => new(call, sequence, T0.AddSeconds(sequence), CallEventKind.NodeEntered, "v7", "main.menu");

    private void Write(IReadOnlyList<object> items)
        => _connection.WriteInTransaction(items, static (connection, transaction, statements, items)
            => CallWriteBatch.Write(connection, transaction, items, "node-1", statements));

    public void Dispose()
    {
        _connection.Dispose();
        _file.Dispose();
    }
}
