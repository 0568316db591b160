using System.Data.Common;
using Ivr.Core.Calls;
using Ivr.Core.Privacy;
using Ivr.Data.Rollups;
using Statement = Ivr.Data.StatementBatch.Statement;

namespace Ivr.Data.Calls;

/// <summary>
/// The write side of the <c>calls</c> / <c>call_events</c> SQL: every queued item of a batch, in one
/// transaction — on PostgreSQL one round trip however many events it holds (<see cref="StatementBatch"/>).
/// A call is its start (naming the node that answered it), its events, its end: on SQLite one prepared statement per
/// row (kept from batch to batch), on PostgreSQL one statement for all the batch's starts, one for its events
/// (<see cref="EventRowsInsert"/>), one for its ends (<see cref="RowsStatement"/>: issue 12 counted a statement per start and
/// per end); the calls that ended in the batch are added to the statistics rollups in the same transaction.
/// </summary>
internal static class CallWriteBatch
{
    private static readonly RowsStatement InsertCalls = new(new("""
        INSERT INTO calls (id, caller, caller_masked, dialled, flow, flow_version, started_at, node, caller_tail)
        VALUES (@id, @caller, @masked, @dialled, @flow, @version, @at, @node, @tail);
        """, "@id", "@caller", "@masked", "@dialled", "@flow", "@version", "@at", "@node", "@tail"), """
        INSERT INTO calls (id, caller, caller_masked, dialled, flow, flow_version, started_at, node, caller_tail)
        SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[]);
        """);

    private static readonly Statement InsertEvent = new("""
        INSERT INTO call_events (call_id, seq, at, kind, node, outcome, detail, flow_version)
        VALUES (@id, @seq, @at, @kind, @node, @outcome, @detail, @version);
        """, "@id", "@seq", "@at", "@kind", "@node", "@outcome", "@detail", "@version");

    /// <summary>PostgreSQL: a call ended twice in one batch is given once, its last end (<see cref="LastEnds"/>), as the rows
    /// one by one would leave it.</summary>
    private static readonly RowsStatement EndCalls = new(new("""
        UPDATE calls SET ended_at = @at, disposition = @disposition WHERE id = @id;
        """, "@id", "@at", "@disposition"), """
        UPDATE calls SET ended_at = e.at, disposition = e.disposition
        FROM unnest($1::text[], $2::text[], $3::text[]) AS e (id, at, disposition) WHERE calls.id = e.id;
        """);

    /// <summary>The columns of an event row, in the order of <see cref="EventValues"/> (a bulk import writes them, <see cref="CallImport"/>).</summary>
    public static readonly string[] EventColumns = ["call_id", "seq", "at", "kind", "node", "outcome", "detail", "flow_version"];

    /// <summary>The stored name of each event kind, made once (<c>Kind.ToString()</c> boxed the enum for every event).</summary>
    private static readonly Dictionary<CallEventKind, string> KindNames = Enum.GetValues<CallEventKind>().ToDictionary(k => k, k => k.ToString());

    /// <summary>An event's row values, as stored.</summary>
    public static object?[] EventValues(CallEvent e) => [e.CallId, (long)e.Sequence, DbTime.ToText(e.At), KindName(e.Kind), e.Node, e.Outcome, e.Detail, e.FlowVersion];

    internal static string KindName(CallEventKind kind) => KindNames.TryGetValue(kind, out var name) ? name : kind.ToString();

    /// <param name="statements">SQLite: the statements of <paramref name="connection"/> kept across batches (the recorder's);
    /// null prepares them for this batch only.</param>
    public static void Write(DbConnection connection, DbTransaction? transaction, IReadOnlyList<object> items, string? node, SqliteStatementCache? statements = null)
    {
        using var batch = new StatementBatch(connection, transaction, statements);
        List<CallEvent>? gathered = null; // made only where used: a SQLite batch of events allocates neither list
        List<CallEnd>? ends = null;
        var starts = new GatheredRows(batch, InsertCalls);
        foreach (var item in items)
        {
            switch (item)
            {
                case CallStart start:
                    starts.Add(start.CallId, start.Caller, Mask.Phone(start.Caller), start.Dialled, start.Flow, start.FlowVersion, DbTime.ToText(start.At), node, CallerTail.Of(start.Caller));
                    break;
                case CallEvent e when batch.Gathers:
                    (gathered ??= []).Add(e);
                    break;
                case CallEvent e when batch.Native(InsertEvent) is { } insert:
                    SqliteEventRow.Insert(insert, e);
                    break;
                case CallEvent e:
                    batch.Add(InsertEvent, EventValues(e));
                    break;
                case CallEnd end when batch.Gathers:
                    (ends ??= []).Add(end);
                    break;
                case CallEnd end:
                    batch.Add(EndCalls.PerRow, end.CallId, DbTime.ToText(end.At), end.Disposition);
                    (ends ??= []).Add(end);
                    break;
                default:
                    throw new ArgumentException($"Unknown call write {item.GetType().Name}.", nameof(item));
            }
        }
        starts.Queue(); // PostgreSQL: every start of the batch, then its events, which refer to them, then its ends
        if (gathered is not null) EventRowsInsert.Add(batch, gathered);
        if (batch.Gathers && ends is not null)
        {
            var ended = new GatheredRows(batch, EndCalls);
            foreach (var end in LastEnds(ends)) ended.Add(end.CallId, DbTime.ToText(end.At), end.Disposition);
            ended.Queue();
        }
        batch.Execute();
        if (ends is not null) CallRollupWriter.RollUp(connection, transaction, ends.Select(e => e.CallId).ToList(), statements);
    }

    /// <summary>The last end of each call, in the order of the calls' first ends.</summary>
    private static IEnumerable<CallEnd> LastEnds(List<CallEnd> ends)
    {
        var last = new Dictionary<string, CallEnd>(StringComparer.Ordinal);
        foreach (var end in ends) last[end.CallId] = end;
        return last.Count == ends.Count ? ends : last.Values;
    }
}
