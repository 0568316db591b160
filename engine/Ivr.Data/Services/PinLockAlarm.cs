using System.Data.Common;
using Ivr.Data.Security;

namespace Ivr.Data.Services;

/// <summary>
/// After a lock: records where it came from (<c>pin_lock_origins</c>, nothing in clear) and, when the lock is a further
/// distinct ID that brings its caller number (or its SIP source) to the alert threshold within the alert window,
/// returns one log line per such origin — number masked, never an ID. The origins' keys are held for the rest of the
/// transaction, so locks of different IDs from one number on several nodes at once are counted one after the other.
/// </summary>
internal sealed class PinLockAlarm(ServiceContext context)
{
    /// <summary>Call inside the transaction that recorded the lock; returns the lines to log once it has committed
    /// (none when no alert is due).</summary>
    public async Task<IReadOnlyList<string>> RaiseAsync(DbConnection connection, DbTransaction transaction, PinCaller caller, string subject, CancellationToken cancellation)
    {
        var origin = PinLockOrigin.Of(context.Now, caller.CallId, caller.Number, caller.Source, subject);
        await connection.LockKeyAsync(transaction, "pin-origin", $"caller:{origin.CallerKey}", cancellation).ConfigureAwait(false);
        if (origin.Source is { } source)
            await connection.LockKeyAsync(transaction, "pin-origin", $"source:{source}", cancellation).ConfigureAwait(false);

        var store = new PinLockOriginStore(connection, transaction);
        var since = context.Now - context.Throttle.Rules.AlertWindow;
        var callerBefore = await store.CountIdsOfCallerSinceAsync(origin.CallerKey, since, cancellation).ConfigureAwait(false);
        var sourceBefore = origin.Source is null ? 0 : await store.CountIdsOfSourceSinceAsync(origin.Source, since, cancellation).ConfigureAwait(false);
        await store.AddAsync(origin, cancellation).ConfigureAwait(false);
        var callerAfter = await store.CountIdsOfCallerSinceAsync(origin.CallerKey, since, cancellation).ConfigureAwait(false);
        var sourceAfter = origin.Source is null ? 0 : await store.CountIdsOfSourceSinceAsync(origin.Source, since, cancellation).ConfigureAwait(false);

        var lines = new List<string>(2);
        if (Due(callerBefore, callerAfter)) lines.Add(Line($"caller {origin.CallerMasked}", callerAfter, caller.CallId));
        if (Due(sourceBefore, sourceAfter)) lines.Add(Line($"source {origin.Source}", sourceAfter, caller.CallId));
        return lines;
    }

    /// <summary>An alert is due when this lock is a further distinct ID and the origin has reached the threshold.</summary>
    private bool Due(int before, int after) => after > before && after >= context.Throttle.Rules.LockedIdsForAlert;

    private string Line(string origin, int ids, string callId)
        => $"pin alert: {origin} has locked {ids} IDs within {context.Throttle.Rules.AlertWindow.TotalHours:0} h (latest in call {callId})";
}
