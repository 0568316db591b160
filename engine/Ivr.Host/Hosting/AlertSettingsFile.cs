using System.Globalization;
using Ivr.Flows.Model;
using Ivr.OperationsConsole.Callers;
using YamlDotNet.RepresentationModel;

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
/// Problems come back as one <see cref="InvalidDataException"/> naming the file and line.
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
        if (OperatorYaml.ReadFields(path, "webhook: \"https://…\"") is not { } root) return AlertSettings.Default;

        var settings = AlertSettings.Default;
        foreach (var (key, value) in root.Children)
        {
            var name = (key as YamlScalarNode)?.Value ?? "";
            var text = (value as YamlScalarNode)?.Value ?? "";
            InvalidDataException Wrong(string what) => new($"{path}:{value.Start.Line}:{value.Start.Column}: {name}: {what}, not '{text}'");
            settings = name switch
            {
                "webhook" => text.Length == 0 ? settings with { Webhook = null }
                    : Uri.TryCreate(text, UriKind.Absolute, out var url) ? settings with { Webhook = url } : throw Wrong("an absolute http(s) URL"),
                "timeout" => Duration.TryParse(text, out var timeout) ? settings with { Timeout = timeout } : throw Wrong("a duration like 5s"),
                "tries" => int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? settings with { Tries = n } : throw Wrong("a whole number"),
                "retry_delay" => Duration.TryParse(text, out var delay) ? settings with { RetryDelay = delay } : throw Wrong("a duration like 2s"),
                "pin_alert_ids" => int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var ids) && ids is >= AlertSettings.MinPinAlertIds and <= AlertSettings.MaxPinAlertIds
                    ? settings with { PinAlertIds = ids } : throw Wrong($"a whole number from {AlertSettings.MinPinAlertIds} to {AlertSettings.MaxPinAlertIds}"),
                "pin_alert_window" => Duration.TryParse(text, out var window) && window >= AlertSettings.MinPinAlertWindow && window <= AlertSettings.MaxPinAlertWindow
                    ? settings with { PinAlertWindow = window } : throw Wrong("a duration from 1h to 168h, like 24h"),
                _ => throw new InvalidDataException($"{path}:{key.Start.Line}:{key.Start.Column}: unknown field '{name}'; the fields are {string.Join(", ", Fields)}"),
            };
        }

        if (settings.Problem() is { } problem) throw new InvalidDataException($"{path}: {problem}");
        return settings;
    }
}
