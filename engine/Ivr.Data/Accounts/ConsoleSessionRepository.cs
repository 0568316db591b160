using System.Data;
using Dapper;

namespace Ivr.Data.Accounts;

/// <summary>The SQL of <c>console_sessions</c>; every read joins the user, so a disabled user's session is seen as such.</summary>
public sealed class ConsoleSessionRepository(IDbConnection connection, IDbTransaction? transaction = null)
{
    public Task InsertAsync(string tokenHash, long userId, string csrfToken, DateTimeOffset at, string ip, CancellationToken cancellation)
        => connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO console_sessions (token_hash, user_id, csrf_token, created_at, last_seen_at, ip)
            VALUES (@tokenHash, @userId, @csrfToken, @at, @at, @ip);
            """, new { tokenHash, userId, csrfToken, at = DbTime.ToText(at), ip }, transaction, cancellationToken: cancellation));

    public async Task<ConsoleSession?> FindAsync(string tokenHash, CancellationToken cancellation)
    {
        var row = await connection.QuerySingleOrDefaultAsync<(string TokenHash, string Csrf, string CreatedAt, string LastSeen, string Ip,
            long UserId, string Name, string Role, string Hash, long Disabled, string UserCreatedAt, string? LastSignIn)?>(new CommandDefinition("""
            SELECT s.token_hash, s.csrf_token, s.created_at, s.last_seen_at, s.ip,
                   u.id, u.name, u.role, u.password_hash, u.disabled, u.created_at, u.last_sign_in
            FROM console_sessions s JOIN console_users u ON u.id = s.user_id
            WHERE s.token_hash = @tokenHash;
            """, new { tokenHash }, transaction, cancellationToken: cancellation));
        if (row is not { } r) return null;
        var user = new ConsoleUser(r.UserId, r.Name, ConsoleRoles.TryParse(r.Role, out var role) ? role : ConsoleRole.Agent, r.Hash,
            r.Disabled != 0, DbTime.FromText(r.UserCreatedAt), DbTime.FromNullableText(r.LastSignIn));
        return new ConsoleSession(r.TokenHash, user, r.Csrf, DbTime.FromText(r.CreatedAt), DbTime.FromText(r.LastSeen), r.Ip);
    }

    public Task TouchAsync(string tokenHash, DateTimeOffset at, CancellationToken cancellation)
        => connection.ExecuteAsync(new CommandDefinition("UPDATE console_sessions SET last_seen_at = @at WHERE token_hash = @tokenHash;",
            new { tokenHash, at = DbTime.ToText(at) }, transaction, cancellationToken: cancellation));

    public Task DeleteAsync(string tokenHash, CancellationToken cancellation)
        => connection.ExecuteAsync(new CommandDefinition("DELETE FROM console_sessions WHERE token_hash = @tokenHash;",
            new { tokenHash }, transaction, cancellationToken: cancellation));

    public Task DeleteForUserAsync(long userId, CancellationToken cancellation)
        => connection.ExecuteAsync(new CommandDefinition("DELETE FROM console_sessions WHERE user_id = @userId;",
            new { userId }, transaction, cancellationToken: cancellation));

    /// <summary>Removes sessions idle since before <paramref name="idleBefore"/> or created before <paramref name="createdBefore"/>.</summary>
    public Task<int> DeleteExpiredAsync(DateTimeOffset idleBefore, DateTimeOffset createdBefore, CancellationToken cancellation)
        => connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM console_sessions WHERE last_seen_at < @idleBefore OR created_at < @createdBefore;",
            new { idleBefore = DbTime.ToText(idleBefore), createdBefore = DbTime.ToText(createdBefore) }, transaction, cancellationToken: cancellation));
}
