namespace Ivr.OperationsConsole.Callers;

/// <summary>
/// Pages by POSTing <c>{"event":"emergency_message", …}</c> to the webhook of <see cref="AlertSettings"/> in the
/// background: each try bounded by the timeout, a non-2xx answer or a failure retried after a doubling delay, every
/// failure logged (the URL without its query, which may hold a key) and the last one logged as given up. Never throws
/// to the caller of <see cref="Page"/>.
/// </summary>
public sealed class WebhookPager(AlertSettings settings, Action<string> log, TimeProvider time, HttpMessageHandler? handler = null) : IEmergencyPager, IDisposable
{
    private readonly WebhookPost _post = new(time, handler);
    private readonly List<Task> _sending = [];

    public void Page(EmergencyPage page)
    {
        if (settings.Webhook is null) return;
        var sending = Task.Run(() => SendAsync(settings.Webhook, page));
        lock (_sending)
        {
            _sending.RemoveAll(t => t.IsCompleted);
            _sending.Add(sending);
        }
    }

    /// <summary>Completes when every page sent so far has been delivered or given up (tests, shutdown).</summary>
    public Task IdleAsync()
    {
        lock (_sending) return Task.WhenAll(_sending.ToArray());
    }

    private async Task SendAsync(Uri webhook, EmergencyPage page)
    {
        var shown = WebhookPost.Shown(webhook);
        var delay = settings.RetryDelay;
        for (var attempt = 1; attempt <= settings.Tries; attempt++)
        {
            if (await _post.TryAsync(webhook, Body(page), settings.Timeout).ConfigureAwait(false) is not { } failure)
            {
                log($"alerts: emergency message #{page.MessageId} paged to {shown} (try {attempt})");
                return;
            }

            var last = attempt == settings.Tries;
            log($"alerts: paging emergency message #{page.MessageId} to {shown} failed ({failure}), try {attempt} of {settings.Tries}{(last ? "; given up" : "")}");
            if (last) return;
            await Task.Delay(delay, time).ConfigureAwait(false);
            delay *= 2;
        }
    }

    private static object Body(EmergencyPage page) => new
    {
        @event = "emergency_message", messageId = page.MessageId, callId = page.CallId, reason = page.Reason,
        markedAt = page.MarkedAt, markedBy = page.MarkedBy, text = $"紧急留言 #{page.MessageId}（{page.Reason}），请立即处理",
    };

    public void Dispose() => _post.Dispose();
}
