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
        return await PageAsync(connection, query, cancellation);
    }

    /// <summary>Every call the query finds (up to its limit), a page at a time: memory stays that of one page.</summary>
    public async IAsyncEnumerable<CallSummary> StreamAsync(CallQuery query, [EnumeratorCancellation] CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(query);
        var left = query.Limit;
        var page = query with { Limit = Math.Min(StreamPage, left) };
        while (left > 0)
        {
            IReadOnlyList<CallSummary> calls;
            await using (var connection = await database.OpenConnectionAsync(cancellation))
                calls = await PageAsync(connection, page, cancellation);
            foreach (var call in calls) yield return call;
            left -= calls.Count;
            if (calls.Count < page.Limit) yield break;
            page = page with { Limit = Math.Min(StreamPage, left), After = new CallCursor(calls[^1].StartedAt, calls[^1].CallId) };
        }
    }

    private static async Task<IReadOnlyList<CallSummary>> PageAsync(DbConnection connection, CallQuery query, CancellationToken cancellation)
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
        var rows = (await connection.QueryAsync<(string Id, string CallerMasked, string Dialled, string FlowVersion, string StartedAt, string? EndedAt, string? Disposition)>(
            new CommandDefinition($"""
                SELECT id, caller_masked, dialled, flow_version, started_at, ended_at, disposition FROM calls
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
                }, cancellationToken: cancellation))).ToList();
        if (rows.Count == 0) return [];
        var paths = (await connection.QueryAsync<(string CallId, string Node)>(new CommandDefinition(
                $"SELECT call_id, node FROM call_events WHERE kind = '{nameof(CallEventKind.NodeEntered)}' AND node IS NOT NULL AND {connection.InList("call_id", "ids")} ORDER BY call_id, seq;",
                new { ids = rows.Select(r => r.Id).ToArray() }, cancellationToken: cancellation)))
            .GroupBy(r => r.CallId)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Select(r => r.Node).ToList());
        return rows.Select(r => new CallSummary(r.Id, r.CallerMasked, r.Dialled, DbTime.FromText(r.StartedAt), DbTime.FromNullableText(r.EndedAt),
            r.Disposition, r.FlowVersion, paths.GetValueOrDefault(r.Id) ?? [])).ToList();
    }
}
