namespace Ivr.Data.Retention;

/// <summary>
/// How long detailed records are kept (deploy/retention.yaml). Call summaries (<c>calls</c>) and the statistics' rollups
/// are kept for ever; only the detail below goes once older than its period.
/// </summary>
/// <param name="CallEvents">A call's events (its journey node by node), by the call's start.</param>
/// <param name="HandledRecordings">The audio of voice messages that were called back, by the message's time; the message row stays, marked pruned.</param>
/// <param name="AccessLog">Rows of the console's access log.</param>
/// <param name="FaxNumbers">The dialled number of finished scheduled faxes (sent, failed, cancelled), by their last change: masked,
/// the job row stays for the statistics. Fax documents are rendered once per document (fax/rendered), never per job.</param>
public sealed record RetentionPolicy(TimeSpan CallEvents, TimeSpan HandledRecordings, TimeSpan AccessLog, TimeSpan FaxNumbers)
{
    /// <summary>Rows of <c>pin_attempts</c> (the per-caller and per-call PIN throttles look back 24 h), by the check's time;
    /// never the rows of an ID whose PIN is locked now.</summary>
    public TimeSpan PinAttempts { get; init; } = TimeSpan.FromDays(90);

    /// <summary>Rows of <c>pin_lock_origins</c> (where each lockout came from) and the PIN alerts (<c>pin_alarms</c>) whose
    /// last lock is as old; never the rows of an ID whose PIN is locked now.</summary>
    public TimeSpan PinLockOrigins { get; init; } = TimeSpan.FromDays(365);

    /// <summary>A hotline's defaults: events and access log half a year, handled recordings a year, fax numbers 90 days,
    /// PIN attempts 90 days, PIN lock origins and their alerts a year.</summary>
    public static RetentionPolicy Default { get; } = new(TimeSpan.FromDays(180), TimeSpan.FromDays(365), TimeSpan.FromDays(180), TimeSpan.FromDays(90));
}
