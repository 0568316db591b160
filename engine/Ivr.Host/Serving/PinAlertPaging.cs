using Ivr.Data;
using Ivr.Data.Security;
using Ivr.Host.Hosting;
using Ivr.OperationsConsole.Callers;
using Ivr.OperationsConsole.Cards;

namespace Ivr.Host.Serving;

/// <summary>
/// PIN lockout alerts on a server: the threshold and window of deploy/alerts.yaml in the PIN checks' rules, and, when
/// the file names a webhook, a started part that pages due alerts every <see cref="Interval"/> (every node runs it; the
/// outbox claim makes one node send each page).
/// </summary>
internal static class PinAlertPaging
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    public static PinThrottleRules Rules(AlertSettings alerts)
        => PinThrottleRules.Default with { LockedIdsForAlert = alerts.PinAlertIds, AlertWindow = alerts.PinAlertWindow };

    public static void Start(IvrDatabase database, AlertSettings alerts, StartedParts parts, TimeProvider clock, Action<string> log)
    {
        if (alerts.Webhook is null) return;
        var pager = new PinAlertPager(database, alerts, clock, log);
        parts.Add("PIN alert pages", new PeriodicWork(Interval, clock, pager.PageDueAsync), async work =>
        {
            await work.DisposeAsync();
            pager.Dispose();
        });
    }
}
