using System.Data.Common;
using Ivr.Data.Security;

namespace Ivr.Data.Services;

/// <summary>
/// After a lock: records where it came from (<c>pin_lock_origins</c>, nothing in clear) and, when the lock is a further
/// distinct ID that brings its caller number (or its SIP source) to the alert threshold within the alert window,
/// returns one log line per such origin — number masked, never an ID — and raises the origin's alert
/// (<c>pin_alarms</c>, its page due at once) unless the origin has one raised within the window already, which then
/// is brought up to this lock (its count, last lock and call) without a new page. The origins' keys are held for the rest of the transaction, so locks of
/// different IDs from one number on several nodes at once are counted one after the other and raise one alert.
/// </summary>
internal sealed class PinLockAlarm(ServiceContext context)
{
    /// <summary>Call inside the transaction that recorded the lock; returns the lines to log once it has committed
    /// (none when no alert is due).</summary>
    public async Task<IReadOnlyList<string>> RaiseAsync(DbConnection connection, DbTransaction transaction, PinCaller caller, string subject, CancellationToken cancellation)
    {
        var origin = PinLockOrigin.Of(context.HashKey, context.Now, caller.CallId, caller.Number, caller.Source, subject);
        await connection.LockKeyAsync(transaction, "pin-origin", $"caller:{origin.CallerKey}", cancellation).ConfigureAwait(false);
        if (origin.Source is { } source)
            await connection.LockKeyAsync(transaction, "pin-origin", $"source:{source}", cancellation).ConfigureAwait(false);

        var store = new PinLockOriginStore(connection, transaction);
        var since = context.Now - Rules.AlertWindow;
        var callerBefore = await store.CountIdsOfCallerSinceAsync(origin.CallerKey, since, cancellation).ConfigureAwait(false);
        var sourceBefore = origin.Source is null ? 0 : await store.CountIdsOfSourceSinceAsync(origin.Source, since, cancellation).ConfigureAwait(false);
        await store.AddAsync(origin, cancellation).ConfigureAwait(false);
        var callerAfter = await store.CountIdsOfCallerSinceAsync(origin.CallerKey, since, cancellation).ConfigureAwait(false);
        var sourceAfter = origin.Source is null ? 0 : await store.CountIdsOfSourceSinceAsync(origin.Source, since, cancellation).ConfigureAwait(false);

        var lines = new List<string>(2);
        if (Due(callerBefore, callerAfter)) lines.Add(Line($"caller {origin.CallerMasked}", callerAfter, caller.CallId));
        if (Due(sourceBefore, sourceAfter)) lines.Add(Line($"source {origin.Source}", sourceAfter, caller.CallId));
        await AlarmAsync(connection, transaction, PinAlarm.ByCaller, origin.CallerKey, origin, callerBefore, callerAfter, cancellation).ConfigureAwait(false);
        if (origin.Source is { } from)
            await AlarmAsync(connection, transaction, PinAlarm.BySource, from, origin, sourceBefore, sourceAfter, cancellation).ConfigureAwait(false);
        return lines;
    }

    private PinThrottleRules Rules => context.Throttle.Rules;

    /// <summary>An alert is due when this lock is a further distinct ID and the origin has reached the threshold.</summary>
    private bool Due(int before, int after) => after > before && after >= Rules.LockedIdsForAlert;

    /// <summary>At or over the threshold: brings the alert the origin raised within the window up to this lock, or, when
    /// it has none and this lock is a further ID, raises one.</summary>
    private async Task AlarmAsync(DbConnection connection, DbTransaction transaction, string kind, string originKey, PinLockOrigin origin,
        int before, int ids, CancellationToken cancellation)
    {
        if (ids < Rules.LockedIdsForAlert) return;
        var alarms = new PinAlarmStore(connection, transaction);
        var now = context.Now;
        if (await alarms.RecentIdAsync(kind, originKey, now - Rules.AlertWindow, cancellation).ConfigureAwait(false) is { } recent)
        {
            await alarms.ExtendAsync(recent, ids, now, origin.CallId, cancellation).ConfigureAwait(false);
            return;
        }

        if (!Due(before, ids)) return;
        var first = await new PinLockOriginStore(connection, transaction).FirstLockSinceAsync(kind, originKey, now - Rules.AlertWindow, cancellation).ConfigureAwait(false);
        await alarms.RaiseAsync(new PinAlarm(0, kind, originKey, kind == PinAlarm.ByCaller ? origin.CallerMasked : null,
            kind == PinAlarm.BySource ? origin.Source : null, now, first ?? now, now, ids, origin.CallId,
            PinAlarm.Pending, 0, null, null, null, null), cancellation).ConfigureAwait(false);
    }

    private string Line(string origin, int ids, string callId)
        => $"pin alert: {origin} has locked {ids} IDs within {Rules.AlertWindow.TotalHours:0} h (latest in call {callId})";
}
