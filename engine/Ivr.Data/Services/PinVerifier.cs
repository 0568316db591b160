using Ivr.Core.Privacy;
using Ivr.Data.Audit;
using Ivr.Data.People;
using Ivr.Data.Security;
using System.Data.Common;

namespace Ivr.Data.Services;

/// <summary>
/// Checks an ID + PIN without revealing whether the ID exists: an unknown ID costs the same hash
/// work, counts failures and locks exactly like a wrong PIN. <see cref="PinAttemptGate"/> first
/// refuses checks over the caller's or the call's limit and checks of a locked ID; the slow hash
/// then runs outside any write transaction; the result is recorded (a lockout audited, an alert
/// raised) in one write transaction holding the ID's key.
/// </summary>
internal sealed class PinVerifier(ServiceContext context)
{
    private readonly PinAttemptGate _gate = new(context);
    private readonly PinLockAlarm _alarm = new(context);

    public async Task<PinCheck> CheckAsync(DbConnection connection, string subject, string pin, PinCaller caller, CancellationToken cancellation)
    {
        var admission = await _gate.AdmitAsync(connection, subject, caller, cancellation).ConfigureAwait(false);
        if (admission.Refusal is { } refusal) return new PinCheck(null, refusal, 0);

        var person = await new PersonRepository(connection).FindAsync(subject, cancellation).ConfigureAwait(false);
        var verified = Verify(person, pin);
        cancellation.ThrowIfCancellationRequested();

        var lockout = context.Lockout;
        IReadOnlyList<string> alerts = [];
        PinCheck check;
        using (var transaction = connection.BeginWrite())
        {
            // Every node counting this subject's failures waits here, so three wrong PINs on three nodes lock.
            await connection.LockKeyAsync(transaction, "pin", subject, cancellation).ConfigureAwait(false);
            var store = new PinLockStore(connection, transaction);
            var attempts = new PinAttemptStore(connection, transaction);
            if (await lockout.LockedUntilAsync(store, subject, cancellation).ConfigureAwait(false) is not null)
            {
                await attempts.ClearFailedAsync(admission.AttemptId, cancellation).ConfigureAwait(false);
                check = new PinCheck(null, ServiceOutcomes.Locked, 0);
            }
            else if (verified)
            {
                await lockout.RecordSuccessAsync(store, subject, cancellation).ConfigureAwait(false);
                await attempts.ClearFailedAsync(admission.AttemptId, cancellation).ConfigureAwait(false);
                check = new PinCheck(person, Ivr.Core.Lookups.LookupResult.Ok, PinLockout.FailuresPerStep);
            }
            else
            {
                var failure = await lockout.RecordFailureAsync(store, subject, cancellation).ConfigureAwait(false);
                if (failure.Locked)
                {
                    await attempts.MarkLockedAsync(admission.AttemptId, cancellation).ConfigureAwait(false);
                    await new AuditRepository(connection, transaction).AppendAsync(
                        new AuditEntry(caller.CallId, context.Now, AuditAction.Lockout, Mask.ResidentId(subject), ServiceOutcomes.Locked), cancellation).ConfigureAwait(false);
                    alerts = await _alarm.RaiseAsync(connection, transaction, caller, subject, cancellation).ConfigureAwait(false);
                }
                check = failure.Locked
                    ? new PinCheck(null, ServiceOutcomes.Locked, 0)
                    : new PinCheck(null, ServiceOutcomes.Denied, failure.TriesLeft);
            }
            transaction.Commit();
        }
        foreach (var alert in alerts) context.Log(alert);
        return check;
    }

    private bool Verify(Person? person, string pin)
    {
        if (person?.PinHash is { } hash && WeakPinPolicy.IsSixDigits(pin)) return context.Hasher.Verify(pin, hash);
        context.Hasher.VerifyDecoy(pin);
        return false;
    }
}
