using Ivr.Data;
using Ivr.Data.Security;

namespace Ivr.Host.Secrets;

/// <summary>
/// The hash key a command works with: <c>--hash-key FILE</c> (or <c>$IVR_HASH_KEY_FILE</c>; a cluster's nodes all name a
/// copy of one file), else <c>DATA/secrets/hash-key</c>, made at the first start. Then bound to the database
/// (<see cref="HashKeyCheck"/>): the first key re-keys the rows stored before keys existed, any other key is refused.
/// The log says which file and what happened — never a byte of the key.
/// </summary>
public static class DeploymentHashKey
{
    /// <exception cref="InvalidDataException">The key file is refused, or the database is bound to another key; the
    /// message names the file and what to do.</exception>
    public static async Task<HashKey> OpenAsync(IvrPaths paths, IvrDatabase database, TimeProvider time, Action<string> log, CancellationToken cancellation)
    {
        var file = paths.HashKeyFile ?? HashKeyFile.DefaultPath(paths.Data);
        var (key, created) = paths.HashKeyFile is { } given ? (HashKeyFile.Load(given), false) : HashKeyFile.LoadOrCreate(file);
        HashKeyCheck.Outcome outcome;
        try
        {
            outcome = await HashKeyCheck.EnsureAsync(database, key, time, cancellation).ConfigureAwait(false);
        }
        catch (HashKeyMismatchException ex)
        {
            throw new InvalidDataException($"{file}{(created ? " (made just now)" : "")}: {ex.Message}");
        }

        if (created)
        {
            log($"hash key: made {file} (owner only); ivr db backup carries it"
                + (database.Dialect == DatabaseDialect.PostgreSql ? "; every other node of this database needs a copy of it: --hash-key FILE" : ""));
        }

        log(outcome.BoundNow
            ? $"hash key: {file} keys this database from now on{(outcome.RekeyedKeys > 0 ? $" ({outcome.RekeyedKeys} stored keys of IDs and caller numbers re-keyed)" : "")}"
            : $"hash key: {file} (the database's)");
        return key;
    }

    /// <summary>
    /// The key for a command that only reads (<c>ivr db prune --dry-run</c>): nothing is made, bound or re-keyed. A
    /// database bound to a key needs that key's file; one not bound yet is read with the file's key if there is one, else
    /// with a key that lives only in this process (its rows are unkeyed: the first real start binds and re-keys them).
    /// </summary>
    /// <returns>The key, and whether the database is bound to it (false: its PIN tables hold unkeyed hashes).</returns>
    /// <exception cref="InvalidDataException">The database is bound to another key or its key file is missing or refused.</exception>
    public static async Task<(HashKey Key, bool Bound)> OpenToReadAsync(IvrPaths paths, IvrDatabase database, CancellationToken cancellation)
    {
        var file = paths.HashKeyFile ?? HashKeyFile.DefaultPath(paths.Data);
        var key = paths.HashKeyFile is not null || File.Exists(file) ? HashKeyFile.Load(file) : null;
        var read = key ?? HashKey.Generate();
        var matches = await HashKeyCheck.MatchesAsync(database, read, cancellation).ConfigureAwait(false);
        return (matches, key) switch
        {
            (null, _) => (read, false),
            (true, not null) => (read, true),
            (false, null) => throw new InvalidDataException($"{file}: no such key file, and the database is bound to a hash key (name its file with --hash-key, or copy the one every other node uses)"),
            _ => throw new InvalidDataException($"{file}: {new HashKeyMismatchException().Message}"),
        };
    }
}
