using System.Data.Common;
using Ivr.Core.Privacy;
using Ivr.Data.Security;

namespace Ivr.Data.Services;

/// <summary>
/// After a lock: when the caller number's checks have locked several IDs, raises an alert row for the
/// console, logged with the number masked, never an ID.
/// </summary>
internal sealed class PinLockAlarm(ServiceContext context)
{
    /// <summary>Call inside the transaction that recorded the lock (and marked its attempt); returns
    /// the line to log once it has committed, or null when no alert is due.</summary>
    public async Task<string?> RaiseAsync(DbConnection connection, DbTransaction transaction, PinCaller caller, CancellationToken cancellation)
    {
        var rules = context.Throttle.Rules;
        var ids = await new PinAttemptStore(connection, transaction)
            .CountIdsLockedByCallerSinceAsync(caller.Number, context.Now - rules.AlertWindow, cancellation).ConfigureAwait(false);
        if (ids < rules.LockedIdsForAlert) return null;
        await new PinAlertStore(connection, transaction).AddAsync(context.Now, caller.Number, caller.CallId, ids, cancellation).ConfigureAwait(false);
        return $"pin alert: caller {Mask.Phone(caller.Number)} has locked {ids} IDs within {rules.AlertWindow.TotalHours:0} h (latest in call {caller.CallId})";
    }
}
