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
    private readonly SqliteRecorderRig _rig = new();

    [Fact]
    public void FailedBatch_StoresNothingOfIt_NextBatchStored()
    {
        var failing = Assert.ThrowsAny<Exception>(() => _rig.Connection.WriteInTransaction(0, static (connection, transaction, statements, _) =>
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
        using var connection = _rig.Database.OpenConnection();
        return Dapper.SqlMapper.Query<long>(connection, "SELECT seq FROM call_events WHERE call_id = 'c1' ORDER BY seq").ToList();
    }

    private static CallEvent Event(string call, int sequence) => SqliteRecorderRig.Event(call, sequence);

    private void Write(IReadOnlyList<object> items) => _rig.Write(items);

    public void Dispose() => _rig.Dispose();
}
