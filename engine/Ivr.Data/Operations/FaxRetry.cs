using System.Data;
using Dapper;

namespace Ivr.Data.Operations;

/// <summary>
/// "Retry now" for a fax job from the console: a queued, waiting or failed job becomes queued and due
/// now (a failed job that had used all its tries gets one more); the scheduler sends it at its next poll.
/// Sending, sent and cancelled jobs are left as they are.
/// </summary>
public sealed class FaxRetry(IDbConnection connection, IDbTransaction? transaction = null)
{
    /// <returns>The job's status afterwards, or null for an unknown job.</returns>
    public async Task<string?> NowAsync(long id, DateTimeOffset now, CancellationToken cancellation)
    {
        var at = DbTime.ToText(now);
        var retried = await connection.ExecuteScalarAsync<string?>(new CommandDefinition("""
            UPDATE fax_jobs SET status = 'queued', due_at = @at, updated_at = @at, max_attempts = CASE WHEN max_attempts > attempts THEN max_attempts ELSE attempts + 1 END
            WHERE id = @id AND status IN ('queued', 'retry_wait', 'failed')
            RETURNING status;
            """, new { id, at }, transaction, cancellationToken: cancellation));
        return retried ?? await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT status FROM fax_jobs WHERE id = @id;", new { id }, transaction, cancellationToken: cancellation));
    }
}
