using Ivr.Core.Privacy;
using Ivr.Data.Audit;
using Ivr.Data.People;
using Ivr.Data.Security;
using System.Data.Common;

namespace Ivr.Data.Services;

/// <summary>
/// Checks an ID + PIN without revealing whether the ID exists: an unknown ID costs the same hash
/// work, counts failures and locks exactly like a wrong PIN. The slow hash runs outside any write
/// transaction; the failure is then recorded (and a lockout audited) in one immediate transaction.
/// </summary>
internal sealed class PinVerifier(ServiceContext context)
{
    public async Task<PinCheck> CheckAsync(DbConnection connection, string subject, string pin, string callId, CancellationToken cancellation)
    {
        var lockout = context.Lockout;
        if (await lockout.LockedUntilAsync(new PinLockStore(connection), subject, cancellation).ConfigureAwait(false) is not null)
            return new PinCheck(null, ServiceOutcomes.Locked, 0);

        var person = await new PersonRepository(connection).FindAsync(subject, cancellation).ConfigureAwait(false);
        var verified = Verify(person, pin);
        cancellation.ThrowIfCancellationRequested();

        using var transaction = connection.BeginWrite();
        // Every node counting this subject's failures waits here, so three wrong PINs on three nodes lock.
        await connection.LockKeyAsync(transaction, "pin", subject, cancellation).ConfigureAwait(false);
        var store = new PinLockStore(connection, transaction);
        if (await lockout.LockedUntilAsync(store, subject, cancellation).ConfigureAwait(false) is not null)
            return new PinCheck(null, ServiceOutcomes.Locked, 0);
        if (verified)
        {
            await lockout.RecordSuccessAsync(store, subject, cancellation).ConfigureAwait(false);
            transaction.Commit();
            return new PinCheck(person, Ivr.Core.Lookups.LookupResult.Ok, PinLockout.MaxFailures);
        }

        var failure = await lockout.RecordFailureAsync(store, subject, cancellation).ConfigureAwait(false);
        if (failure.Locked)
        {
            await new AuditRepository(connection, transaction).AppendAsync(
                new AuditEntry(callId, context.Now, AuditAction.Lockout, Mask.ResidentId(subject), ServiceOutcomes.Locked), cancellation).ConfigureAwait(false);
        }
        transaction.Commit();
        return failure.Locked
            ? new PinCheck(null, ServiceOutcomes.Locked, 0)
            : new PinCheck(null, ServiceOutcomes.Denied, failure.TriesLeft);
    }

    private bool Verify(Person? person, string pin)
    {
        if (person?.PinHash is { } hash && WeakPinPolicy.IsSixDigits(pin)) return context.Hasher.Verify(pin, hash);
        context.Hasher.VerifyDecoy(pin);
        return false;
    }
}
