using System.Globalization;
using Ivr.Data.Fax;
using Ivr.Host.Settings;

namespace Ivr.Host.Hosting;

/// <summary>
/// Reads the operators' fax settings (<c>deploy/fax.yaml</c>); every field is optional:
/// <code>
/// allowed_hours: "08:00-20:00"   # China time; scheduled faxes go out only then
/// max_attempts: 3                # tries per job, the first included
/// retry_delay: 5m                # between tries after busy, no answer or failure
/// poll_interval: 5s              # how often due jobs are looked for
/// </code>
/// Problems come back as one <see cref="InvalidDataException"/> naming the file and line (<see cref="SettingsYaml"/>).
/// </summary>
public static class FaxSettingsFile
{
    public static readonly string DefaultPath = Path.Combine("deploy", "fax.yaml");

    private static readonly string[] Fields = ["allowed_hours", "max_attempts", "retry_delay", "poll_interval"];

    public static FaxSettings Read(string path)
    {
        var settings = FaxSettings.Default;
        foreach (var field in SettingsYaml.Fields(path, Fields, "fields such as max_attempts: 3"))
        {
            settings = field.Key switch
            {
                "allowed_hours" => TryHours(field.Text, out var from, out var until) ? settings with { AllowedFrom = from, AllowedUntil = until }
                    : throw field.Wrong("write a range like \"08:00-20:00\""),
                "max_attempts" => settings with { MaxAttempts = field.Int() },
                "retry_delay" => settings with { RetryDelay = field.Duration("a duration like 5m") },
                _ => settings with { PollInterval = field.Duration("a duration like 5s") },
            };
        }

        if (settings.Problem() is { } problem) throw new InvalidDataException($"{path}: {problem}");
        return settings;
    }

    private static bool TryHours(string text, out TimeOnly from, out TimeOnly until)
    {
        until = default;
        var parts = text.Split('-', StringSplitOptions.TrimEntries);
        from = default;
        return parts.Length == 2
            && TimeOnly.TryParseExact(parts[0], "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out from)
            && TimeOnly.TryParseExact(parts[1], "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out until);
    }
}
