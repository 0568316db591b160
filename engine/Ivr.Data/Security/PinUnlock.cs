namespace Ivr.Data.Security;

/// <summary>
/// The verified way out of a lock: an agent who has checked the caller's identity lifts the lock of
/// their resident ID, which also forgets its wrong PINs. Holds the ID's key like a PIN check, so an
/// unlock and a check on another node do not interleave.
/// </summary>
public sealed class PinUnlock(IvrDatabase database, TimeProvider time)
{
    /// <summary>Lifts the lock of <paramref name="residentId"/> (as stored: upper-case X); true when a lock was in force.</summary>
    public async Task<bool> UnlockAsync(string residentId, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(residentId);
        await using var connection = await database.OpenConnectionAsync(cancellation).ConfigureAwait(false);
        using var transaction = connection.BeginWrite();
        await connection.LockKeyAsync(transaction, "pin", residentId, cancellation).ConfigureAwait(false);
        var store = new PinLockStore(connection, transaction);
        var active = await new PinLockout(time).LockedUntilAsync(store, residentId, cancellation).ConfigureAwait(false) is not null;
        await store.UnlockAsync(residentId, cancellation).ConfigureAwait(false);
        transaction.Commit();
        return active;
    }
}
