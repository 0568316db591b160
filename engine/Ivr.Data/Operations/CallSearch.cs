using System.Data.Common;
using System.Runtime.CompilerServices;
using Dapper;
using Ivr.Core.Calls;
using Ivr.Data.Calls;

namespace Ivr.Data.Operations;

/// <summary>
/// Finds calls by time, number, disposition, flow version and answering node, newest first, with their node
/// paths; callers masked. Every filter is a condition an index answers (M011), and pages follow each other by
/// keyset (<see cref="CallQuery.After"/>), so a page costs the same on the millionth call as on the first.
/// </summary>
public sealed class CallSearch(IvrDatabase database)
{
    /// <summary>Calls read per round trip by <see cref="StreamAsync"/>.</summary>
    public const int StreamPage = 1000;

    public async Task<IReadOnlyList<CallSummary>> FindAsync(CallQuery query, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var connection = await database.OpenConnectionAsync(cancellation);
        return (await PageAsync(connection, query, cancellation)).Select(c => c.ToSummary()).ToList();
    }

    /// <summary>Every call the query finds (up to its limit), a page at a time: memory stays that of one page.</summary>
    public async IAsyncEnumerable<CallListing> StreamAsync(CallQuery query, [EnumeratorCancellation] CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(query);
        var left = query.Limit;
        var page = query with { Limit = Math.Min(StreamPage, left) };
        while (left > 0)
        {
            IReadOnlyList<CallListing> calls;
            await using (var connection = await database.OpenConnectionAsync(cancellation))
                calls = await PageAsync(connection, page, cancellation);
            foreach (var call in calls) yield return call;
            left -= calls.Count;
            if (calls.Count < page.Limit) yield break;
            page = page with { Limit = Math.Min(StreamPage, left), After = new CallCursor(calls[^1].StartedAt, calls[^1].CallId) };
        }
    }

    private static async Task<IReadOnlyList<CallListing>> PageAsync(DbConnection connection, CallQuery query, CancellationToken cancellation)
    {
        var where = new List<string>();
        if (query.From is not null) where.Add("started_at >= @from");
        if (query.To is not null) where.Add("started_at < @to");
        if (query.Number is not null)
            where.Add(query.NumberIsSuffix ? "caller_tail = @tail AND caller LIKE '%' || @number" : "caller = @number");
        if (query.Disposition is not null) where.Add("disposition = @disposition");
        if (query.FlowVersion is not null) where.Add("flow_version = @flowVersion");
        if (query.Node is not null) where.Add("node = @node");
        if (query.After is not null) where.Add("(started_at < @afterAt OR (started_at = @afterAt AND id < @afterId))");
        var rows = new List<CallListing>(Math.Min(query.Limit, StreamPage));
        var unstored = new List<int>();
        await using (var reader = await connection.ExecuteReaderAsync(new CommandDefinition($"""
                SELECT id, caller_masked, dialled, flow_version, started_at, ended_at, disposition, path FROM calls
                {(where.Count == 0 ? "" : "WHERE " + string.Join(" AND ", where))}
                ORDER BY started_at DESC, id DESC LIMIT @limit;
                """, new
                {
                    from = query.From is { } f ? DbTime.ToText(f) : null,
                    to = query.To is { } t ? DbTime.ToText(t) : null,
                    number = query.Number,
                    tail = query.Number is { } n ? CallerTail.Of(n) : null,
                    disposition = query.Disposition,
                    flowVersion = query.FlowVersion,
                    node = query.Node,
                    afterAt = query.After is { } a ? DbTime.ToText(a.StartedAt) : null,
                    afterId = query.After?.CallId,
                    limit = query.Limit,
                }, cancellationToken: cancellation)))
        {
            while (await reader.ReadAsync(cancellation))
            {
                if (reader.IsDBNull(7)) unstored.Add(rows.Count);
                rows.Add(new CallListing(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), DbTime.FromText(reader.GetString(4)),
                    reader.IsDBNull(5) ? null : DbTime.FromText(reader.GetString(5)), reader.IsDBNull(6) ? null : reader.GetString(6),
                    reader.IsDBNull(7) ? "" : reader.GetString(7)));
            }
        }

        // Only calls still in progress (or ended before migration 17 and not backfilled yet) have no stored path.
        if (unstored.Count == 0) return rows;
        var walked = CallEventWalk.Read(connection, null, unstored.Select(i => rows[i].CallId).ToList());
        foreach (var i in unstored)
            if (walked.TryGetValue(rows[i].CallId, out var call)) rows[i] = rows[i] with { Path = CallPathText.Join(call.Path) };
        return rows;
    }
}
