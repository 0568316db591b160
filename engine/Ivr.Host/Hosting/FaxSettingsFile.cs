using System.Globalization;
using Ivr.Data.Fax;
using Ivr.Flows.Model;
using YamlDotNet.RepresentationModel;

namespace Ivr.Host.Hosting;

/// <summary>
/// Reads the operators' fax settings (<c>deploy/fax.yaml</c>); every field is optional:
/// <code>
/// allowed_hours: "08:00-20:00"   # China time; scheduled faxes go out only then
/// max_attempts: 3                # tries per job, the first included
/// retry_delay: 5m                # between tries after busy, no answer or failure
/// poll_interval: 5s              # how often due jobs are looked for
/// </code>
/// Problems come back as one <see cref="InvalidDataException"/> naming the file and line.
/// </summary>
public static class FaxSettingsFile
{
    public static readonly string DefaultPath = Path.Combine("deploy", "fax.yaml");

    private static readonly string[] Fields = ["allowed_hours", "max_attempts", "retry_delay", "poll_interval"];

    public static FaxSettings Read(string path)
    {
        if (OperatorYaml.ReadFields(path, "max_attempts: 3") is not { } root) return FaxSettings.Default;

        var settings = FaxSettings.Default;
        foreach (var (key, value) in root.Children)
        {
            var name = (key as YamlScalarNode)?.Value ?? "";
            var text = (value as YamlScalarNode)?.Value ?? "";
            InvalidDataException Wrong(string what) => new($"{path}:{value.Start.Line}:{value.Start.Column}: {name}: {what}, not '{text}'");
            settings = name switch
            {
                "allowed_hours" => TryHours(text, out var from, out var until) ? settings with { AllowedFrom = from, AllowedUntil = until } : throw Wrong("write a range like \"08:00-20:00\""),
                "max_attempts" => int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? settings with { MaxAttempts = n } : throw Wrong("a whole number"),
                "retry_delay" => Duration.TryParse(text, out var delay) ? settings with { RetryDelay = delay } : throw Wrong("a duration like 5m"),
                "poll_interval" => Duration.TryParse(text, out var poll) ? settings with { PollInterval = poll } : throw Wrong("a duration like 5s"),
                _ => throw new InvalidDataException($"{path}:{key.Start.Line}:{key.Start.Column}: unknown field '{name}'; the fields are {string.Join(", ", Fields)}"),
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
