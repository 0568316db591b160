using Ivr.Data.Retention;
using Ivr.Host.Settings;

namespace Ivr.Host.Maintenance;

/// <summary>
/// deploy/retention.yaml: how long detail is kept and at which hour (China time) the server prunes each day.
/// <code>
/// hour: 3                  # 0..23, China time
/// call_events: 180d        # a call's events; the call summary (calls) and the statistics stay
/// handled_recordings: 365d # audio of called-back voice messages; the message stays, marked pruned
/// access_log: 180d         # the console's access log
/// fax_numbers: 90d         # dialled numbers of finished scheduled faxes are masked; the jobs stay
/// pin_attempts: 90d        # PIN checks counted by the throttles; never an ID locked now
/// pin_lock_origins: 1y     # where each PIN lockout came from, and the PIN alerts; never an ID locked now
/// </code>
/// Periods are days, weeks or years (<c>180d</c>, <c>26w</c>, <c>1y</c>); zero, negative, unknown fields and bad values
/// are refused at load with FILE:LINE:COL.
/// </summary>
public sealed record RetentionFile(RetentionPolicy Policy, int Hour)
{
    public static readonly string DefaultPath = Path.Combine("deploy", "retention.yaml");

    public const int DefaultHour = 3;

    public static RetentionFile Default { get; } = new(RetentionPolicy.Default, DefaultHour);

    private static readonly string[] Keys = ["hour", "call_events", "handled_recordings", "access_log", "fax_numbers", "pin_attempts", "pin_lock_origins"];

    public static RetentionFile Read(string path)
    {
        var file = Default;
        foreach (var entry in SettingsYaml.Fields(path, Keys, "fields such as hour: …"))
        {
            if (entry.Key == "hour")
            {
                file = file with { Hour = entry.Int(0, 23) };
                continue;
            }

            var period = entry.Period();
            var policy = file.Policy;
            file = file with
            {
                Policy = entry.Key switch
                {
                    "call_events" => policy with { CallEvents = period },
                    "handled_recordings" => policy with { HandledRecordings = period },
                    "access_log" => policy with { AccessLog = period },
                    "pin_attempts" => policy with { PinAttempts = period },
                    "pin_lock_origins" => policy with { PinLockOrigins = period },
                    _ => policy with { FaxNumbers = period },
                },
            };
        }

        return file;
    }

    /// <summary>FILE when given, else deploy/retention.yaml when present, else the defaults.</summary>
    public static RetentionFile Load(string? path) => path is not null ? Read(path) : File.Exists(DefaultPath) ? Read(DefaultPath) : Default;
}
