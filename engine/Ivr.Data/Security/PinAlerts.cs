namespace Ivr.Data.Security;

/// <summary>
/// The alerts of the console (<c>GET /api/pin-alerts</c>): every caller number, and every SIP source, whose checks
/// locked at least <see cref="PinThrottleRules.LockedIdsForAlert"/> distinct IDs within the last
/// <see cref="PinThrottleRules.AlertWindow"/>, read from <c>pin_lock_origins</c>; newest last lock first.
/// </summary>
public static class PinAlerts
{
    public static async Task<IReadOnlyList<PinAlert>> ActiveAsync(PinLockOriginStore store, PinThrottleRules rules, DateTimeOffset now, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(rules);
        return From(await store.SinceAsync(now - rules.AlertWindow, cancellation).ConfigureAwait(false), rules.LockedIdsForAlert);
    }

    /// <summary>Groups <paramref name="locks"/> (any order) by caller number and by source, keeping the groups with at
    /// least <paramref name="threshold"/> distinct IDs.</summary>
    public static IReadOnlyList<PinAlert> From(IEnumerable<PinLockOrigin> locks, int threshold)
    {
        var list = locks.OrderByDescending(l => l.At).ToList();
        var byCaller = list.GroupBy(l => l.CallerKey).Select(g => Alert(PinAlert.ByCaller, g.First().CallerMasked, null, g));
        var bySource = list.Where(l => l.Source is not null).GroupBy(l => l.Source).Select(g => Alert(PinAlert.BySource, null, g.Key, g));
        return byCaller.Concat(bySource).Where(a => a.IdsLocked >= threshold).OrderByDescending(a => a.LastLockAt).ToList();
    }

    /// <param name="newestFirst">One origin's locks, newest first.</param>
    private static PinAlert Alert(string kind, string? callerMasked, string? source, IEnumerable<PinLockOrigin> newestFirst)
    {
        var locks = newestFirst.ToList();
        var ids = locks.DistinctBy(l => l.SubjectKey).Select(l => l.SubjectMasked).ToList();
        return new PinAlert(kind, callerMasked, source, ids.Count, locks[^1].At, locks[0].At, ids, locks[0].CallId);
    }
}
