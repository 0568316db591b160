using System.Data;
using Dapper;

namespace Ivr.Data.Callers;

/// <summary>The 回拨 list (<see cref="MissedCallRule"/>) and agents' "called back" marks (<c>callback_marks</c>, M014).</summary>
public sealed class MissedCallRepository(IDbConnection connection, IDbTransaction? transaction = null)
{
    /// <summary>Caller numbers with missed calls started at or after <paramref name="since"/> that nobody returned yet
    /// and that were not served since, most recent miss first.</summary>
    public async Task<IReadOnlyList<MissedCaller>> OpenAsync(DateTimeOffset since, int limit, CancellationToken cancellation)
    {
        var args = new { since = DbTime.ToText(since) };
        var missed = await connection.QueryAsync<(string Id, string Caller, string StartedAt)>(new CommandDefinition($"""
            SELECT c.id, c.caller, c.started_at FROM calls c
            WHERE c.started_at >= @since AND {MissedCallRule.MissedSql} ORDER BY c.started_at, c.id;
            """, args, transaction, cancellationToken: cancellation));
        var served = await LatestAsync($"SELECT c.caller, MAX(c.started_at) FROM calls c WHERE c.started_at >= @since AND {MissedCallRule.ServedSql} GROUP BY c.caller;", args, cancellation);
        var marked = await LatestAsync("SELECT caller, MAX(marked_at) FROM callback_marks WHERE marked_at >= @since GROUP BY caller;", args, cancellation);
        return missed
            .Where(m => !MissedCallRule.IsWithheld(m.Caller))
            .Select(m => (m.Id, m.Caller, At: DbTime.FromText(m.StartedAt)))
            .Where(m => m.At > Later(served.GetValueOrDefault(m.Caller), marked.GetValueOrDefault(m.Caller)))
            .GroupBy(m => m.Caller, StringComparer.Ordinal)
            .Select(g => new MissedCaller(g.Key, g.Count(), g.First().At, g.Last().At, g.Last().Id))
            .OrderByDescending(r => r.LastMissedAt)
            .Take(limit)
            .ToList();
    }

    /// <summary>The caller of a call, or null when there is no such call.</summary>
    public Task<string?> CallerOfAsync(string callId, CancellationToken cancellation)
        => connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT caller FROM calls WHERE id = @callId;", new { callId }, transaction, cancellationToken: cancellation));

    /// <summary>Marks <paramref name="caller"/> called back by <paramref name="user"/>: its missed calls so far leave the list.</summary>
    public Task MarkCalledBackAsync(string caller, string callId, string user, string outcome, DateTimeOffset at, CancellationToken cancellation)
        => connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO callback_marks (caller, call_id, marked_at, marked_by, outcome) VALUES (@caller, @callId, @at, @user, @outcome);
            """, new { caller, callId, at = DbTime.ToText(at), user, outcome }, transaction, cancellationToken: cancellation));

    private async Task<Dictionary<string, DateTimeOffset>> LatestAsync(string sql, object args, CancellationToken cancellation)
        => (await connection.QueryAsync<(string Caller, string At)>(new CommandDefinition(sql, args, transaction, cancellationToken: cancellation)))
            .ToDictionary(r => r.Caller, r => DbTime.FromText(r.At), StringComparer.Ordinal);

    private static DateTimeOffset Later(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
