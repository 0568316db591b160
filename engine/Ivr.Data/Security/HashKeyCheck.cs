using System.Security.Cryptography;
using System.Text;
using Dapper;

namespace Ivr.Data.Security;

/// <summary>
/// Binds a database to one <see cref="HashKey"/> (<c>hash_key_check</c>, M023). The first start with a key records its
/// check value and, in the same transaction, re-keys the rows stored before keys existed (<see cref="UnkeyedRows"/>), so
/// counts, lockout origins and alerts carry on unbroken; every later start compares its key's check value and refuses
/// another key (<see cref="HashKeyMismatchException"/>) — a node with a different key would count PIN failures apart.
/// </summary>
public static class HashKeyCheck
{
    private const string Name = "deployment";

    /// <summary>What a start found: whether it bound the database to the key just now, and how many stored keys it re-keyed.</summary>
    public sealed record Outcome(bool BoundNow, long RekeyedKeys);

    /// <exception cref="HashKeyMismatchException">The database is bound to another key.</exception>
    public static async Task<Outcome> EnsureAsync(IvrDatabase database, HashKey key, TimeProvider time, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(key);
        await using var connection = await database.OpenConnectionAsync(cancellation).ConfigureAwait(false);
        using var transaction = connection.BeginWrite();
        await connection.LockKeyAsync(transaction, "hash-key", Name, cancellation).ConfigureAwait(false);
        var stored = await connection.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(
            "SELECT check_value FROM hash_key_check WHERE name = @Name;", new { Name }, transaction, cancellationToken: cancellation)).ConfigureAwait(false);
        if (stored is not null)
        {
            if (!Matches(stored, key)) throw new HashKeyMismatchException();
            return new Outcome(false, 0);
        }

        var rekeyed = await UnkeyedRows.RekeyAsync(connection, transaction, key, cancellation).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO hash_key_check (name, check_value, keyed_at, rekeyed_keys) VALUES (@Name, @check, @at, @rekeyed);
            """, new { Name, check = key.CheckValue, at = DbTime.ToText(time.GetUtcNow()), rekeyed }, transaction, cancellationToken: cancellation))
            .ConfigureAwait(false);
        transaction.Commit();
        return new Outcome(true, rekeyed);
    }

    /// <summary>Whether the database is bound to a key, and if so whether to <paramref name="key"/> — read only: nothing is
    /// bound or re-keyed (a dry run). Null: not bound yet, its PIN tables still hold unkeyed hashes.</summary>
    public static async Task<bool?> MatchesAsync(IvrDatabase database, HashKey key, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(key);
        await using var connection = await database.OpenConnectionAsync(cancellation).ConfigureAwait(false);
        var stored = await connection.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(
            "SELECT check_value FROM hash_key_check WHERE name = @Name;", new { Name }, cancellationToken: cancellation)).ConfigureAwait(false);
        return stored is null ? null : Matches(stored, key);
    }

    private static bool Matches(string stored, HashKey key)
        => CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(stored), Encoding.ASCII.GetBytes(key.CheckValue));
}
