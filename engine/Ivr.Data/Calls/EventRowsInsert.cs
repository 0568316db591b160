using Ivr.Core.Calls;

namespace Ivr.Data.Calls;

/// <summary>
/// On PostgreSQL every event of a recorder batch in one statement: the column values as eight arrays,
/// <c>INSERT … SELECT FROM unnest(…)</c>, instead of one bound statement per event (a held call writes about twelve).
/// One statement to parse, bind and plan however many events; the rows are those <see cref="CallWriteBatch.EventValues"/> gives.
/// </summary>
internal static class EventRowsInsert
{
    private const string Sql = """
        INSERT INTO call_events (call_id, seq, at, kind, node, outcome, detail, flow_version)
        SELECT * FROM unnest($1::text[], $2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[]);
        """;

    /// <summary>Queues <paramref name="events"/> (none: nothing) into <paramref name="batch"/>, which must gather.</summary>
    public static void Add(StatementBatch batch, IReadOnlyList<CallEvent> events)
    {
        if (events.Count == 0) return;
        var ids = new string[events.Count];
        var sequences = new long[events.Count];
        var times = new string[events.Count];
        var kinds = new string[events.Count];
        var nodes = new string?[events.Count];
        var outcomes = new string?[events.Count];
        var details = new string?[events.Count];
        var versions = new string[events.Count];
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            (ids[i], sequences[i], times[i], kinds[i]) = (e.CallId, e.Sequence, DbTime.ToText(e.At), CallWriteBatch.KindName(e.Kind));
            (nodes[i], outcomes[i], details[i], versions[i]) = (e.Node, e.Outcome, e.Detail, e.FlowVersion);
        }
        batch.AddPositional(Sql, ids, sequences, times, kinds, nodes, outcomes, details, versions);
    }
}
