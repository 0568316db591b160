namespace Ivr.Data.Retention;

/// <summary>What one prune removed (or, dry, would remove), per kind.</summary>
public sealed record RetentionCounts(long CallEvents, long Recordings, long AccessLog, long FaxNumbers)
{
    public long PinAttempts { get; init; }

    /// <summary>Rows of <c>pin_lock_origins</c> and of <c>pin_alarms</c> together.</summary>
    public long PinLockOrigins { get; init; }

    /// <summary>Expired (or used) rows of <c>handoff_tokens</c>: transfer contexts and assist results.</summary>
    public long HandoffTokens { get; init; }

    public long Total => CallEvents + Recordings + AccessLog + FaxNumbers + PinAttempts + PinLockOrigins + HandoffTokens;

    /// <summary>One line per kind, as <c>ivr db prune</c> prints it and the access log keeps it.</summary>
    public override string ToString()
        => $"call_events {CallEvents}, recordings {Recordings}, access_log {AccessLog}, fax_numbers {FaxNumbers}, pin_attempts {PinAttempts}, pin_lock_origins {PinLockOrigins}, handoff_tokens {HandoffTokens}";
}
