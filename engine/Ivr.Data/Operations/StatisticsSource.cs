using Dapper;
using Ivr.Core.Calls;

namespace Ivr.Data.Operations;

/// <summary>
/// Reads the raw material of the console's statistics for calls started in [from, to): per-call facts,
/// survey scores, voice-message and fax counts. The arithmetic lives with the console.
/// </summary>
public sealed class StatisticsSource(IvrDatabase database)
{
    /// <param name="notRolledUp">Only the calls not in the rollups yet (in progress, or ended a moment ago).</param>
    /// <param name="node">Only the calls this node answered (<c>calls.node</c>); null: every node's.</param>
    public async Task<IReadOnlyList<CallFacts>> CallsAsync(DateTimeOffset from, DateTimeOffset to, string? flowVersion, CancellationToken cancellation, bool notRolledUp = false,
        string? node = null)
    {
        await using var connection = await database.OpenConnectionAsync(cancellation);
        var pending = (notRolledUp ? "AND c.rolled_up = 0 " : "") + (node is null ? "" : "AND c.node = @node");
        var range = new { from = DbTime.ToText(from), to = DbTime.ToText(to), flowVersion, node };
        var calls = await connection.QueryAsync<(string Id, string FlowVersion, string StartedAt, string? EndedAt, string? Disposition, long Served)>(
            new CommandDefinition($"""
                SELECT c.id, c.flow_version, c.started_at, c.ended_at, c.disposition,
                       CASE WHEN EXISTS (SELECT 1 FROM call_events e WHERE e.call_id = c.id AND e.kind = '{nameof(CallEventKind.LookupCompleted)}') THEN 1 ELSE 0 END
                FROM calls c
                WHERE c.started_at >= @from AND c.started_at < @to AND (@flowVersion IS NULL OR c.flow_version = @flowVersion) {pending}
                ORDER BY c.started_at;
                """, range, cancellationToken: cancellation));
        var paths = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var nodes = await connection.QueryAsync<(string CallId, string Node)>(new CommandDefinition($"""
            SELECT e.call_id, e.node FROM call_events e JOIN calls c ON c.id = e.call_id
            WHERE e.kind = '{nameof(CallEventKind.NodeEntered)}' AND e.node IS NOT NULL
              AND c.started_at >= @from AND c.started_at < @to AND (@flowVersion IS NULL OR c.flow_version = @flowVersion) {pending}
            ORDER BY e.call_id, e.seq;
            """, range, cancellationToken: cancellation));
        foreach (var (callId, entered) in nodes)
            (paths.TryGetValue(callId, out var path) ? path : paths[callId] = []).Add(entered);
        return calls.Select(c => new CallFacts(c.Id, c.FlowVersion, DbTime.FromText(c.StartedAt), DbTime.FromNullableText(c.EndedAt), c.Disposition,
            c.Served != 0, paths.TryGetValue(c.Id, out var p) ? p : [])).ToList();
    }

    /// <summary>Survey scores (1 satisfied, 2 fair, 3 dissatisfied) given in the range, of calls of the version when one is named.</summary>
    public async Task<IReadOnlyList<int>> SurveyScoresAsync(DateTimeOffset from, DateTimeOffset to, string? flowVersion, CancellationToken cancellation, string? node = null)
    {
        await using var connection = await database.OpenConnectionAsync(cancellation);
        return (await connection.QueryAsync<int>(new CommandDefinition("""
            SELECT s.score FROM surveys s
            WHERE s.at >= @from AND s.at < @to
              AND (@flowVersion IS NULL OR EXISTS (SELECT 1 FROM calls c WHERE c.id = s.call_id AND c.flow_version = @flowVersion))
              AND (@node IS NULL OR EXISTS (SELECT 1 FROM calls c WHERE c.id = s.call_id AND c.node = @node));
            """, new { from = DbTime.ToText(from), to = DbTime.ToText(to), flowVersion, node }, cancellationToken: cancellation))).ToList();
    }

    public async Task<long> VoiceMessagesAsync(DateTimeOffset from, DateTimeOffset to, string? flowVersion, CancellationToken cancellation, string? node = null)
    {
        await using var connection = await database.OpenConnectionAsync(cancellation);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition("""
            SELECT COUNT(*) FROM voice_messages m
            WHERE m.created_at >= @from AND m.created_at < @to
              AND (@flowVersion IS NULL OR EXISTS (SELECT 1 FROM calls c WHERE c.id = m.call_id AND c.flow_version = @flowVersion))
              AND (@node IS NULL OR EXISTS (SELECT 1 FROM calls c WHERE c.id = m.call_id AND c.node = @node));
            """, new { from = DbTime.ToText(from), to = DbTime.ToText(to), flowVersion, node }, cancellationToken: cancellation));
    }

    /// <summary>Fax jobs created in the range, or null while the fax tables do not exist.</summary>
    public async Task<long?> FaxesAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellation)
    {
        await using var connection = await database.OpenConnectionAsync(cancellation);
        var columns = (await connection.QueryAsync<string>(new CommandDefinition(database.Dialect == DatabaseDialect.Sqlite
            ? "SELECT name FROM pragma_table_info('fax_jobs');"
            : "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'fax_jobs';",
            cancellationToken: cancellation))).ToList();
        if (!columns.Contains("created_at")) return null;
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM fax_jobs WHERE created_at >= @from AND created_at < @to;",
            new { from = DbTime.ToText(from), to = DbTime.ToText(to) }, cancellationToken: cancellation));
    }

    /// <summary>The flow versions calls ran on, most recent first.</summary>
    public async Task<IReadOnlyList<string>> FlowVersionsAsync(CancellationToken cancellation)
    {
        await using var connection = await database.OpenConnectionAsync(cancellation);
        return (await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT flow_version FROM calls GROUP BY flow_version ORDER BY MAX(started_at) DESC LIMIT 100;", cancellationToken: cancellation))).ToList();
    }
}
