using System.Data;
using Dapper;

namespace Ivr.Data.Security;

/// <summary>The SQL of <c>pin_attempts</c>: one row per PIN check that reached the hash, written as a
/// failure before the hash runs and turned into a success only once the PIN proved right. The caller is stored as
/// its <see cref="PinCallerKey"/> (never the number), the ID as its subject key.</summary>
public sealed class PinAttemptStore(IDbConnection connection, IDbTransaction? transaction = null)
{
    public Task<long> AddFailedAsync(DateTimeOffset at, string callerKey, string callId, string subjectKey, CancellationToken cancellation)
        => connection.ExecuteScalarAsync<long>(new CommandDefinition("""
            INSERT INTO pin_attempts (at, caller_key, call_id, subject_key, failed) VALUES (@at, @callerKey, @callId, @subjectKey, 1) RETURNING id;
            """, new { at = DbTime.ToText(at), callerKey, callId, subjectKey }, transaction, cancellationToken: cancellation));

    public Task ClearFailedAsync(long id, CancellationToken cancellation)
        => connection.ExecuteAsync(new CommandDefinition(
            "UPDATE pin_attempts SET failed = 0 WHERE id = @id;", new { id }, transaction, cancellationToken: cancellation));

    public Task MarkLockedAsync(long id, CancellationToken cancellation)
        => connection.ExecuteAsync(new CommandDefinition(
            "UPDATE pin_attempts SET locked = 1 WHERE id = @id;", new { id }, transaction, cancellationToken: cancellation));

    public Task<int> CountFailuresOfCallerSinceAsync(string callerKey, DateTimeOffset since, CancellationToken cancellation)
        => connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT COUNT(*) FROM pin_attempts WHERE caller_key = @callerKey AND at > @since AND failed = 1;",
            new { callerKey, since = DbTime.ToText(since) }, transaction, cancellationToken: cancellation));

    /// <summary>The distinct IDs (as keys) the call has had checked so far.</summary>
    public async Task<IReadOnlyList<string>> SubjectKeysOfCallAsync(string callId, CancellationToken cancellation)
        => (await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT DISTINCT subject_key FROM pin_attempts WHERE call_id = @callId;",
            new { callId }, transaction, cancellationToken: cancellation)).ConfigureAwait(false)).ToList();
}
