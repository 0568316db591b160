using System.Data;
using Dapper;

namespace Ivr.Data.Accounts;

/// <summary>The SQL of <c>console_users</c>.</summary>
public sealed class ConsoleUserRepository(IDbConnection connection, IDbTransaction? transaction = null)
{
    private const string Select = "SELECT id, name, role, password_hash, disabled, created_at, last_sign_in FROM console_users";

    public Task<long> CountAsync(CancellationToken cancellation)
        => connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT COUNT(*) FROM console_users;", null, transaction, cancellationToken: cancellation));

    public async Task<ConsoleUser?> FindAsync(string name, CancellationToken cancellation)
        => (await QueryAsync($"{Select} WHERE name = @name;", new { name }, cancellation)).FirstOrDefault();

    public Task<IReadOnlyList<ConsoleUser>> ListAsync(CancellationToken cancellation)
        => QueryAsync($"{Select} ORDER BY name;", null, cancellation);

    /// <returns>The new user, or null when the name is taken.</returns>
    public async Task<ConsoleUser?> InsertAsync(string name, ConsoleRole role, string passwordHash, DateTimeOffset at, CancellationToken cancellation)
    {
        var id = await connection.ExecuteScalarAsync<long?>(new CommandDefinition("""
            INSERT INTO console_users (name, role, password_hash, created_at) VALUES (@name, @role, @hash, @at)
            ON CONFLICT (name) DO NOTHING RETURNING id;
            """, new { name, role = ConsoleRoles.ToText(role), hash = passwordHash, at = DbTime.ToText(at) }, transaction, cancellationToken: cancellation));
        return id is { } created ? new ConsoleUser(created, name, role, passwordHash, false, at, null) : null;
    }

    public Task<int> SetRoleAsync(long id, ConsoleRole role, CancellationToken cancellation)
        => ExecuteAsync("UPDATE console_users SET role = @role WHERE id = @id;", new { id, role = ConsoleRoles.ToText(role) }, cancellation);

    public Task<int> SetDisabledAsync(long id, bool disabled, CancellationToken cancellation)
        => ExecuteAsync("UPDATE console_users SET disabled = @disabled WHERE id = @id;", new { id, disabled = disabled ? 1 : 0 }, cancellation);

    public Task<int> SetPasswordHashAsync(long id, string passwordHash, CancellationToken cancellation)
        => ExecuteAsync("UPDATE console_users SET password_hash = @passwordHash WHERE id = @id;", new { id, passwordHash }, cancellation);

    public Task<int> SetLastSignInAsync(long id, DateTimeOffset at, CancellationToken cancellation)
        => ExecuteAsync("UPDATE console_users SET last_sign_in = @at WHERE id = @id;", new { id, at = DbTime.ToText(at) }, cancellation);

    private Task<int> ExecuteAsync(string sql, object parameters, CancellationToken cancellation)
        => connection.ExecuteAsync(new CommandDefinition(sql, parameters, transaction, cancellationToken: cancellation));

    private async Task<IReadOnlyList<ConsoleUser>> QueryAsync(string sql, object? parameters, CancellationToken cancellation)
    {
        var rows = await connection.QueryAsync<(long Id, string Name, string Role, string Hash, long Disabled, string CreatedAt, string? LastSignIn)>(
            new CommandDefinition(sql, parameters, transaction, cancellationToken: cancellation));
        return rows.Select(r => new ConsoleUser(r.Id, r.Name, ConsoleRoles.TryParse(r.Role, out var role) ? role : ConsoleRole.Agent,
            r.Hash, r.Disabled != 0, DbTime.FromText(r.CreatedAt), DbTime.FromNullableText(r.LastSignIn))).ToList();
    }
}
