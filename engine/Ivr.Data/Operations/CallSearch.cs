using Dapper;
using Ivr.Core.Calls;

namespace Ivr.Data.Operations;

/// <summary>Finds calls by time, number and disposition, newest first, with their node paths; callers masked.</summary>
public sealed class CallSearch(IvrDatabase database)
{
    public async Task<IReadOnlyList<CallSummary>> FindAsync(CallQuery query, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var connection = await database.OpenConnectionAsync(cancellation);
        var rows = (await connection.QueryAsync<(string Id, string CallerMasked, string Dialled, string FlowVersion, string StartedAt, string? EndedAt, string? Disposition)>(
            new CommandDefinition("""
                SELECT id, caller_masked, dialled, flow_version, started_at, ended_at, disposition FROM calls
                WHERE (@from IS NULL OR started_at >= @from) AND (@to IS NULL OR started_at < @to)
                  AND (@number IS NULL OR (@suffix = 0 AND caller = @number) OR (@suffix = 1 AND caller LIKE '%' || @number))
                  AND (@disposition IS NULL OR disposition = @disposition)
                ORDER BY started_at DESC, id DESC LIMIT @limit;
                """, new
                {
                    from = query.From is { } f ? DbTime.ToText(f) : null,
                    to = query.To is { } t ? DbTime.ToText(t) : null,
                    number = query.Number,
                    suffix = query.NumberIsSuffix ? 1 : 0,
                    disposition = query.Disposition,
                    limit = query.Limit,
                }, cancellationToken: cancellation))).ToList();
        if (rows.Count == 0) return [];
        var paths = (await connection.QueryAsync<(string CallId, string Node)>(new CommandDefinition(
                $"SELECT call_id, node FROM call_events WHERE kind = @kind AND node IS NOT NULL AND {connection.InList("call_id", "ids")} ORDER BY call_id, seq;",
                new { kind = nameof(CallEventKind.NodeEntered), ids = rows.Select(r => r.Id).ToArray() }, cancellationToken: cancellation)))
            .GroupBy(r => r.CallId)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Select(r => r.Node).ToList());
        return rows.Select(r => new CallSummary(r.Id, r.CallerMasked, r.Dialled, DbTime.FromText(r.StartedAt), DbTime.FromNullableText(r.EndedAt),
            r.Disposition, r.FlowVersion, paths.GetValueOrDefault(r.Id) ?? [])).ToList();
    }
}
