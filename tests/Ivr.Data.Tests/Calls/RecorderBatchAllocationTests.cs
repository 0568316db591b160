using Ivr.Core.Calls;
using Ivr.Data.Calls;

namespace Ivr.Data.Tests.Calls;

/// <summary>
/// What the call recorder allocates for a held call's events on SQLite (issue 13): its connection stays open with its
/// statements prepared from batch to batch (<see cref="RecorderConnection"/>), its transaction begun and committed by
/// statements prepared there too, and an event is bound column by column
/// (<see cref="SqliteEventRow"/>) — before, every batch opened a connection and prepared its inserts, and every event
/// made an array of boxed values and its time as a string (~200 B an event, several KB a batch).
/// </summary>
public sealed class RecorderBatchAllocationTests : IDisposable
{
    private static readonly DateTimeOffset T0 = SqliteRecorderRig.T0;
    private readonly SqliteRecorderRig _rig = new();
    private int _sequence;

    [Fact]
    public void Events_AllocateNothingPerEvent()
    {
        const int events = 400;
        var batches = Enumerable.Range(0, 4).Select(_ => NewEvents(events)).ToArray();
        var next = 0;
        long Pass() => Measure(batches[next++]);

        Pass(); // prepares the insert and lets the JIT finish
        var least = Math.Min(Pass(), Math.Min(Pass(), Pass()));

        // What is left is the batch's own (176 B) over 400 events; before, ~200 B an event.
        Assert.True(least < 400, $"{least} bytes for {events} events ({(double)least / events:0.0} per event)");
    }

    [Fact]
    public void Batches_OpenNoConnectionAndPrepareNoStatement()
    {
        var batches = Enumerable.Range(0, 4).Select(_ => NewEvents(1)).ToArray();
        var next = 0;
        long Pass() => Measure(batches[next++]);

        Pass();
        var least = Math.Min(Pass(), Math.Min(Pass(), Pass()));

        // Left: the batch's own objects, 176 B. The transaction begun and committed through the driver (a command, a reader
        // and a statement prepared for each) made it ~1.7 KB until session 17; a connection opened per batch (its settings
        // run through a data reader) and the insert prepared again, ~4.4 KB before that.
        Assert.True(least < 400, $"{least} bytes for a batch of one event");
    }

    [Fact]
    public void Events_StoredAsTheRowsOfEventValues()
    {
        var written = new CallEvent("c1", 99, T0.AddTicks(1234567), CallEventKind.NodeLeft, "v7", "main.menu", "ok", "欢迎 1");
        Write([written]);

        using var connection = _rig.Database.OpenConnection();
        var stored = Dapper.SqlMapper.QuerySingle<(string, long, string, string, string, string, string, string)>(connection,
            "SELECT call_id, seq, at, kind, node, outcome, detail, flow_version FROM call_events WHERE seq = 99");
        Assert.Equal(CallWriteBatch.EventValues(written), [stored.Item1, stored.Item2, stored.Item3, stored.Item4, stored.Item5, stored.Item6, stored.Item7, stored.Item8]);
    }

    [Theory]
    [InlineData("2026-12-03T09:30:00.0000000+08:00")]
    [InlineData("0001-01-01T00:00:00.0000000+00:00")]
    [InlineData("9999-12-31T23:59:59.9999999+00:00")]
    [InlineData("2026-03-01T23:59:59.1234567-05:30")]
    public void Format_WritesWhatToTextReturns(string instant)
    {
        var at = DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture);
        Span<char> text = stackalloc char[DbTime.InstantLength];

        Assert.Equal(DbTime.ToText(at), DbTime.Format(at, text).ToString());
    }

    private long Measure(IReadOnlyList<object> batch)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        Write(batch);
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    private void Write(IReadOnlyList<object> items) => _rig.Write(items);

    private object[] NewEvents(int count)
        => Enumerable.Range(0, count).Select(_ => (object)SqliteRecorderRig.Event(SqliteRecorderRig.CallId, _sequence++, detail: "1")).ToArray();

    public void Dispose() => _rig.Dispose();
}
