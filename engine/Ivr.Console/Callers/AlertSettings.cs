namespace Ivr.OperationsConsole.Callers;

/// <summary>
/// Where emergencies are paged (<c>deploy/alerts.yaml</c>): a webhook URL that gets a JSON POST, each try bounded by
/// <see cref="Timeout"/>, up to <see cref="Tries"/> tries <see cref="RetryDelay"/> apart (doubling). No URL: the console
/// banner only. The same webhook gets the PIN lockout alerts (<c>pin_alert</c>): one when a caller number or SIP source
/// has locked <see cref="PinAlertIds"/> distinct IDs within <see cref="PinAlertWindow"/>, at most one per origin per window.
/// </summary>
public sealed record AlertSettings(Uri? Webhook, TimeSpan Timeout, int Tries, TimeSpan RetryDelay)
{
    public static readonly AlertSettings Default = new(null, TimeSpan.FromSeconds(5), 3, TimeSpan.FromSeconds(2));

    /// <summary>Distinct IDs locked by one caller number or source within <see cref="PinAlertWindow"/> that raise an alert.</summary>
    public int PinAlertIds { get; init; } = 2;

    public TimeSpan PinAlertWindow { get; init; } = TimeSpan.FromHours(24);

    /// <summary>The lowest and highest <see cref="PinAlertIds"/>, and the shortest and longest <see cref="PinAlertWindow"/>.</summary>
    public const int MinPinAlertIds = 1, MaxPinAlertIds = 100;
    public static readonly TimeSpan MinPinAlertWindow = TimeSpan.FromHours(1), MaxPinAlertWindow = TimeSpan.FromDays(7);

    /// <summary>What is wrong with these settings, or null.</summary>
    public string? Problem() =>
        Webhook is { } url && url.Scheme is not ("http" or "https") ? "webhook is an http or https URL"
        : Timeout <= TimeSpan.Zero || Timeout > TimeSpan.FromMinutes(1) ? "timeout is between 1 ms and 1 min"
        : Tries is < 1 or > 10 ? "tries is 1..10"
        : RetryDelay < TimeSpan.Zero || RetryDelay > TimeSpan.FromMinutes(10) ? "retry_delay is between 0 and 10 min"
        : null;
}
