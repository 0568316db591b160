using System.Data;
using Dapper;

namespace Ivr.Data.Accounts;

/// <summary>The SQL of <c>console_access_log</c>: append and read, never update or delete.</summary>
public sealed class AccessLogRepository(IDbConnection connection, IDbTransaction? transaction = null)
{
    public Task<long> AppendAsync(AccessLogEntry entry, CancellationToken cancellation)
        => connection.ExecuteScalarAsync<long>(new CommandDefinition("""
            INSERT INTO console_access_log (at, user_name, ip, action, target, outcome, detail)
            VALUES (@at, @user, @ip, @action, @target, @outcome, @detail) RETURNING id;
            """, new { at = DbTime.ToText(entry.At), user = entry.User, ip = entry.Ip, action = entry.Action, target = entry.Target, outcome = entry.Outcome, detail = entry.Detail },
            transaction, cancellationToken: cancellation));

    /// <summary>Newest first; <paramref name="beforeId"/> pages back; <paramref name="user"/> and <paramref name="action"/> filter when given.</summary>
    public async Task<IReadOnlyList<AccessLogEntry>> RecentAsync(int limit, long? beforeId, string? user, string? action, CancellationToken cancellation)
    {
        var rows = await connection.QueryAsync<(long Id, string At, string? User, string Ip, string Action, string Target, string Outcome, string? Detail)>(
            new CommandDefinition("""
                SELECT id, at, user_name, ip, action, target, outcome, detail FROM console_access_log
                WHERE (@beforeId IS NULL OR id < @beforeId) AND (@user IS NULL OR user_name = @user) AND (@action IS NULL OR action = @action)
                ORDER BY id DESC LIMIT @limit;
                """, new { limit, beforeId, user, action }, transaction, cancellationToken: cancellation));
        return rows.Select(r => new AccessLogEntry(r.Id, DbTime.FromText(r.At), r.User, r.Ip, r.Action, r.Target, r.Outcome, r.Detail)).ToList();
    }
}
