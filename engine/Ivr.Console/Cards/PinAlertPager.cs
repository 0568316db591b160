using Ivr.Data.Security;
using Ivr.OperationsConsole.Callers;

namespace Ivr.OperationsConsole.Cards;

/// <summary>
/// Pages PIN lockout alerts (<c>pin_alarms</c>) to the webhook of <see cref="AlertSettings"/>: each pass claims the due
/// pages (<see cref="PinAlarmOutbox"/>, so a page is sent by one node), POSTs
/// <c>{"event":"pin_alert", …}</c> — the number masked or the source, counts and times, never an ID — and records the try:
/// paged, due again after <see cref="AlertSettings.RetryDelay"/> doubling per failed try, or given up after
/// <see cref="AlertSettings.Tries"/>. It runs beside calls (the host repeats <see cref="PageDueAsync"/> every few
/// seconds), so a slow or failing webhook never holds a PIN check. Alerts raised more than <see cref="StaleAfter"/> ago
/// are not paged any more.
/// </summary>
public sealed class PinAlertPager(IvrDatabase database, AlertSettings settings, TimeProvider time, Action<string> log, HttpMessageHandler? handler = null)
    : IDisposable
{
    /// <summary>Pages claimed by one pass.</summary>
    public const int Batch = 10;

    public static readonly TimeSpan StaleAfter = TimeSpan.FromHours(24);

    private readonly WebhookPost _post = new(time, handler);

    /// <summary>How long a claim lasts: every page of a pass tried to its timeout, and a margin.</summary>
    public TimeSpan Lease => settings.Timeout * Batch + TimeSpan.FromSeconds(30);

    /// <summary>One pass; never throws (a database that does not answer is logged and tried again next pass).</summary>
    public async Task PageDueAsync(CancellationToken cancellation)
    {
        if (settings.Webhook is not { } webhook) return;
        try
        {
            var claim = Guid.NewGuid().ToString("N");
            var now = time.GetUtcNow();
            IReadOnlyList<PinAlarm> due;
            await using (var connection = await database.OpenConnectionAsync(cancellation))
                due = await new PinAlarmOutbox(connection).ClaimDueAsync(claim, now, Lease, now - StaleAfter, Batch, cancellation);
            foreach (var alarm in due) await PageAsync(webhook, alarm, claim, cancellation);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellation.IsCancellationRequested)
        {
            log($"alerts: PIN alert pages wait ({ex.GetType().Name}: {ex.Message}); tried again shortly");
        }
    }

    private async Task PageAsync(Uri webhook, PinAlarm alarm, string claim, CancellationToken cancellation)
    {
        var failure = await _post.TryAsync(webhook, Body(alarm), settings.Timeout, cancellation);
        var tries = alarm.PageTries + 1;
        var now = time.GetUtcNow();
        var state = failure is null ? PinAlarm.Paged : tries >= settings.Tries ? PinAlarm.GivenUp : PinAlarm.Pending;
        var next = state == PinAlarm.Pending ? now + settings.RetryDelay * Math.Pow(2, tries - 1) : now;
        await using (var connection = await database.OpenConnectionAsync(cancellation))
            await new PinAlarmOutbox(connection).RecordTryAsync(alarm.Id, claim, state, tries, now, next, cancellation);
        var shown = WebhookPost.Shown(webhook);
        log(failure is null
            ? $"alerts: PIN alert #{alarm.Id} ({alarm.Shown}) paged to {shown} (try {tries})"
            : $"alerts: paging PIN alert #{alarm.Id} to {shown} failed ({failure}), try {tries} of {settings.Tries}{(state == PinAlarm.GivenUp ? "; given up" : "")}");
    }

    /// <summary>What the webhook gets: no ID, the number masked.</summary>
    public static object Body(PinAlarm alarm) => new
    {
        @event = "pin_alert", alertId = alarm.Id, kind = alarm.Kind, callerMasked = alarm.CallerMasked, source = alarm.Source,
        idsLocked = alarm.IdsLocked, raisedAt = alarm.RaisedAt, firstLockAt = alarm.FirstLockAt, lastLockAt = alarm.LastLockAt,
        lastCallId = alarm.LastCallId,
        text = $"可疑来电告警 #{alarm.Id}：{(alarm.Kind == PinAlarm.ByCaller ? $"来电号码 {alarm.CallerMasked}" : $"来源地址 {alarm.Source}")} 已锁定 {alarm.IdsLocked} 个身份证号的密码，请核查",
    };

    public void Dispose() => _post.Dispose();
}
