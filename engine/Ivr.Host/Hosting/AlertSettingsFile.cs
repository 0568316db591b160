using Ivr.Host.Settings;
using Ivr.OperationsConsole.Callers;

namespace Ivr.Host.Hosting;

/// <summary>
/// Reads where emergencies are paged (<c>deploy/alerts.yaml</c>); every field is optional:
/// <code>
/// webhook: "https://pager.example/hooks/12333"   # POSTed JSON per emergency voice message; empty: console banner only
/// timeout: 5s                                     # per try
/// tries: 3                                        # the first included
/// retry_delay: 2s                                 # doubles after each failed try
/// pin_alert_ids: 2                                # distinct IDs one number or source locks within the window: a PIN alert
/// pin_alert_window: 24h
/// </code>
/// Problems come back as one <see cref="InvalidDataException"/> naming the file and line (<see cref="SettingsYaml"/>).
/// </summary>
public static class AlertSettingsFile
{
    public static readonly string DefaultPath = Path.Combine("deploy", "alerts.yaml");

    private static readonly string[] Fields = ["webhook", "timeout", "tries", "retry_delay", "pin_alert_ids", "pin_alert_window"];

    /// <summary><paramref name="path"/>, else deploy/alerts.yaml when present, else the defaults (no webhook).</summary>
    public static AlertSettings Load(string? path, Action<string> log)
    {
        var file = path ?? (File.Exists(DefaultPath) ? DefaultPath : null);
        if (file is null) return AlertSettings.Default;
        var settings = Read(file);
        var pins = $"a PIN alert when one caller number or source locks {settings.PinAlertIds} IDs within {settings.PinAlertWindow.TotalHours:0.##} h";
        log(settings.Webhook is { } url
            ? $"alerts: emergencies and PIN alerts paged to {url.GetLeftPart(UriPartial.Path)} ({settings.Tries} tries, {settings.Timeout.TotalSeconds:0.###} s each; {pins}) ({file})"
            : $"alerts: {file} names no webhook; emergencies and PIN alerts show in the console only ({pins})");
        return settings;
    }

    public static AlertSettings Read(string path)
    {
        var settings = AlertSettings.Default;
        foreach (var field in SettingsYaml.Fields(path, Fields, "fields such as webhook: \"https://…\""))
        {
            settings = field.Key switch
            {
                "webhook" => field.Text.Length == 0 ? settings with { Webhook = null }
                    : Uri.TryCreate(field.Text, UriKind.Absolute, out var url) ? settings with { Webhook = url } : throw field.Wrong("an absolute http(s) URL"),
                "timeout" => settings with { Timeout = field.Duration("a duration like 5s") },
                "tries" => settings with { Tries = field.Int() },
                "retry_delay" => settings with { RetryDelay = field.Duration("a duration like 2s") },
                "pin_alert_ids" => settings with { PinAlertIds = field.Int(AlertSettings.MinPinAlertIds, AlertSettings.MaxPinAlertIds) },
                _ => settings with
                {
                    PinAlertWindow = field.Duration("a duration from 1h to 168h, like 24h", AlertSettings.MinPinAlertWindow, AlertSettings.MaxPinAlertWindow),
                },
            };
        }

        if (settings.Problem() is { } problem) throw new InvalidDataException($"{path}: {problem}");
        return settings;
    }
}
