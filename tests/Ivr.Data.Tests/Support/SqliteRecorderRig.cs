using Ivr.Core.Calls;
using Ivr.Data.Calls;

namespace Ivr.Data.Tests;

/// <summary>
/// The recorder's held SQLite connection (<see cref="RecorderConnection"/>) over a temp database with one call started
/// (<see cref="CallId"/>): what the recorder's SQLite tests write batches through and read back from.
/// </summary>
internal sealed class SqliteRecorderRig : IDisposable
{
    public const string CallId = "c1";

    public static readonly DateTimeOffset T0 = new(2026, 12, 3, 9, 30, 0, TimeSpan.FromHours(8));

    private readonly TempDatabase _file = new();

    public SqliteRecorderRig()
    {
        Database = _file.Open();
        Connection = new RecorderConnection(Database);
        Write([new CallStart(CallId, "13012345273", "12333", "v7", "main", T0)]);
    }

    public IvrDatabase Database { get; }

    public RecorderConnection Connection { get; }

    /// <summary>One batch, in one transaction, as the recorder's node <c>node-1</c> writes it.</summary>
    public void Write(IReadOnlyList<object> items)
        => Connection.WriteInTransaction(items, static (connection, transaction, statements, items)
            => CallWriteBatch.Write(connection, transaction, items, "node-1", statements));

    /// <summary>A node entered by <paramref name="call"/>, numbered <paramref name="sequence"/>.</summary>
    public static CallEvent Event(string call, int sequence, string? detail = null)
        => new(call, sequence, T0.AddMilliseconds(sequence), CallEventKind.NodeEntered, "v7", "main.menu", Detail: detail);

    public void Dispose()
    {
        Connection.Dispose();
        _file.Dispose();
    }
}
