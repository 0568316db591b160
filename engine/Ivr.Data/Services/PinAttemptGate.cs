using System.Data.Common;
using Ivr.Core.Privacy;
using Ivr.Data.Security;

namespace Ivr.Data.Services;

/// <summary>
/// The first step of a PIN check, before any hash runs: refuses it when the caller number or the call
/// is over its limit (<see cref="PinThrottle"/>) or the ID is locked; otherwise records the attempt as
/// a failure, to be cleared once the PIN proves right, and logs (number masked) the attempt that
/// reaches the caller's limit. One write transaction holding the caller number's key, so parallel
/// calls from one number (on any node) are counted one after the other.
/// </summary>
internal sealed class PinAttemptGate(ServiceContext context)
{
    /// <summary>The recorded attempt's id, or the outcome that refuses the check.</summary>
    public readonly record struct Admission(long AttemptId, string? Refusal);

    public async Task<Admission> AdmitAsync(DbConnection connection, string subject, PinCaller caller, CancellationToken cancellation)
    {
        using var transaction = connection.BeginWrite();
        await connection.LockKeyAsync(transaction, "pin-caller", caller.Number, cancellation).ConfigureAwait(false);
        var attempts = new PinAttemptStore(connection, transaction);
        var subjectKey = PinSubjectKey.Of(context.HashKey, subject);
        var callerKey = PinCallerKey.Of(context.HashKey, caller.Number);
        var verdict = await context.Throttle.CheckAsync(attempts, callerKey, caller.CallId, subjectKey, cancellation).ConfigureAwait(false);
        if (verdict == PinThrottleVerdict.CallLimit)
            context.Log($"pin: call {caller.CallId} from {Mask.Phone(caller.Number)} asked for a PIN check of a further ID beyond {context.Throttle.Rules.IdsPerCall}: refused, to an agent");
        if (verdict != PinThrottleVerdict.Allowed) return new Admission(0, ServiceOutcomes.Throttled);
        if (await context.Lockout.LockedUntilAsync(new PinLockStore(connection, transaction), subject, cancellation).ConfigureAwait(false) is not null)
            return new Admission(0, ServiceOutcomes.Locked);

        var id = await attempts.AddFailedAsync(context.Now, callerKey, caller.CallId, subjectKey, cancellation).ConfigureAwait(false);
        var rules = context.Throttle.Rules;
        var failures = await attempts.CountFailuresOfCallerSinceAsync(callerKey, context.Now - rules.CallerWindow, cancellation).ConfigureAwait(false);
        transaction.Commit();
        if (failures == rules.FailuresPerCaller)
            context.Log($"pin: caller {Mask.Phone(caller.Number)} reached the limit of {failures} wrong PINs within {rules.CallerWindow.TotalHours:0} h: further checks from it go to an agent");
        return new Admission(id, null);
    }
}
