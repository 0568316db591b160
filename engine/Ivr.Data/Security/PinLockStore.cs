using System.Data;
using Dapper;

namespace Ivr.Data.Security;

/// <summary>The SQL of <c>pin_failures</c> and <c>pin_locks</c>, keyed by the resident ID as entered.</summary>
public sealed class PinLockStore(IDbConnection connection, IDbTransaction? transaction = null)
{
    public async Task<DateTimeOffset?> LockedUntilAsync(string subject, CancellationToken cancellation)
    {
        var text = await connection.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(
            "SELECT locked_until FROM pin_locks WHERE subject = @subject;", new { subject }, transaction, cancellationToken: cancellation));
        return DbTime.FromNullableText(text);
    }

    public Task AddFailureAsync(string subject, DateTimeOffset at, CancellationToken cancellation)
        => connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO pin_failures (subject, at) VALUES (@subject, @at);",
            new { subject, at = DbTime.ToText(at) }, transaction, cancellationToken: cancellation));

    public Task<int> CountFailuresSinceAsync(string subject, DateTimeOffset since, CancellationToken cancellation)
        => connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT COUNT(*) FROM pin_failures WHERE subject = @subject AND at > @since;",
            new { subject, since = DbTime.ToText(since) }, transaction, cancellationToken: cancellation));

    public Task ClearFailuresAsync(string subject, CancellationToken cancellation)
        => connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM pin_failures WHERE subject = @subject;", new { subject }, transaction, cancellationToken: cancellation));

    public Task LockAsync(string subject, DateTimeOffset until, CancellationToken cancellation)
        => connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO pin_locks (subject, locked_until) VALUES (@subject, @until)
            ON CONFLICT (subject) DO UPDATE SET locked_until = excluded.locked_until;
            """, new { subject, until = DbTime.ToText(until) }, transaction, cancellationToken: cancellation));

    /// <summary>Lifts the subject's lock and forgets its failures; false when it had no lock row.</summary>
    public async Task<bool> UnlockAsync(string subject, CancellationToken cancellation)
    {
        var removed = await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM pin_locks WHERE subject = @subject;", new { subject }, transaction, cancellationToken: cancellation)).ConfigureAwait(false);
        await ClearFailuresAsync(subject, cancellation).ConfigureAwait(false);
        return removed > 0;
    }
}
