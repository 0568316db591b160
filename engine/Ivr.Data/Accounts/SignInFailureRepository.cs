using System.Data;
using Dapper;

namespace Ivr.Data.Accounts;

/// <summary>
/// The SQL of <c>console_sign_in_failures</c>: one row per wrong password, keyed by a subject such as
/// <c>user:li</c> or <c>ip:10.0.0.7</c>, so the console can limit guesses per user and per address.
/// </summary>
public sealed class SignInFailureRepository(IDbConnection connection, IDbTransaction? transaction = null)
{
    public Task AddAsync(string subject, DateTimeOffset at, CancellationToken cancellation)
        => connection.ExecuteAsync(new CommandDefinition("INSERT INTO console_sign_in_failures (subject, at) VALUES (@subject, @at);",
            new { subject, at = DbTime.ToText(at) }, transaction, cancellationToken: cancellation));

    /// <summary>The failures of <paramref name="subject"/> after <paramref name="since"/>, oldest first.</summary>
    public async Task<IReadOnlyList<DateTimeOffset>> SinceAsync(string subject, DateTimeOffset since, CancellationToken cancellation)
        => (await connection.QueryAsync<string>(new CommandDefinition(
                "SELECT at FROM console_sign_in_failures WHERE subject = @subject AND at > @since ORDER BY at;",
                new { subject, since = DbTime.ToText(since) }, transaction, cancellationToken: cancellation)))
            .Select(DbTime.FromText).ToList();

    public Task ClearAsync(string subject, CancellationToken cancellation)
        => connection.ExecuteAsync(new CommandDefinition("DELETE FROM console_sign_in_failures WHERE subject = @subject;",
            new { subject }, transaction, cancellationToken: cancellation));

    public Task<int> PruneAsync(DateTimeOffset before, CancellationToken cancellation)
        => connection.ExecuteAsync(new CommandDefinition("DELETE FROM console_sign_in_failures WHERE at <= @before;",
            new { before = DbTime.ToText(before) }, transaction, cancellationToken: cancellation));
}
