using System.Data.Common;
using Ivr.Core.Privacy;
using Ivr.Data.Security;

namespace Ivr.Data.Services;

/// <summary>
/// After a wrong PIN: notes when the caller number reaches its daily limit, and when its checks have
/// locked several IDs raises an alert row for the console — both logged with the number masked,
/// never an ID.
/// </summary>
internal sealed class PinLockAlarm(ServiceContext context)
{
    /// <summary>Call inside the transaction that recorded the failure (and marked its lock); returns
    /// the lines to log once it has committed.</summary>
    public async Task<IReadOnlyList<string>> CheckAsync(DbConnection connection, DbTransaction transaction, PinCaller caller, bool locked, CancellationToken cancellation)
    {
        var rules = context.Throttle.Rules;
        var attempts = new PinAttemptStore(connection, transaction);
        var masked = Mask.Phone(caller.Number);
        var lines = new List<string>();
        var failures = await attempts.CountFailuresOfCallerSinceAsync(caller.Number, context.Now - rules.CallerWindow, cancellation).ConfigureAwait(false);
        if (failures == rules.FailuresPerCaller)
            lines.Add($"pin: caller {masked} reached {failures} wrong PINs within {rules.CallerWindow.TotalHours:0} h: further checks from it go to an agent");
        if (!locked) return lines;

        var ids = await attempts.CountIdsLockedByCallerSinceAsync(caller.Number, context.Now - rules.AlertWindow, cancellation).ConfigureAwait(false);
        if (ids < rules.LockedIdsForAlert) return lines;
        await new PinAlertStore(connection, transaction).AddAsync(context.Now, caller.Number, caller.CallId, ids, cancellation).ConfigureAwait(false);
        lines.Add($"pin alert: caller {masked} has locked {ids} IDs within {rules.AlertWindow.TotalHours:0} h (latest in call {caller.CallId})");
        return lines;
    }
}
