namespace Ivr.OperationsConsole.Users;

/// <summary>
/// Creating users: the first admin from the environment on a database without users, and every other
/// one by an admin or <c>ivr users add</c>. There is no default password anywhere.
/// </summary>
public sealed class UserAccounts(IvrDatabase database, PasswordHasher passwords, TimeProvider time)
{
    /// <returns>Null on success, else why not (bad name, weak password, name taken).</returns>
    public async Task<string?> AddAsync(string name, ConsoleRole role, string password, CancellationToken cancellation)
    {
        if (!UserNames.IsValid(name)) return "a user name is 2 to 32 of a-z, 0-9, '_', '.', '-'";
        if (PasswordHasher.Weakness(password) is { } weakness) return weakness;
        await using var connection = await database.OpenConnectionAsync(cancellation);
        var created = await new ConsoleUserRepository(connection).InsertAsync(name, role, passwords.Hash(password), time.GetUtcNow(), cancellation);
        return created is null ? $"a user named '{name}' exists already" : null;
    }

    /// <summary>Creates the first admin when there is no user at all; a message for the log, or null when nothing was to do.</summary>
    public async Task<string?> EnsureFirstAdminAsync(string? name, string? password, CancellationToken cancellation)
    {
        await using (var connection = await database.OpenConnectionAsync(cancellation))
        {
            if (await new ConsoleUserRepository(connection).CountAsync(cancellation) > 0) return null;
        }

        if (string.IsNullOrEmpty(name) || string.IsNullOrEmpty(password))
            return "console: no user yet — set IVR_ADMIN_USER and IVR_ADMIN_PASSWORD and restart, or run 'ivr users add NAME --role admin'";
        var problem = await AddAsync(name, ConsoleRole.Admin, password, cancellation);
        return problem is null ? $"console: created the first admin '{name}' from IVR_ADMIN_USER" : $"console: IVR_ADMIN_USER not created: {problem}";
    }
}
