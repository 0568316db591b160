namespace Ivr.Data.Fax;

/// <summary>
/// How scheduled faxes behave (deploy/fax.yaml): the hours (China time) a fax may go out, how many
/// tries a job gets and how far apart, and how often the scheduler looks for due jobs.
/// </summary>
public sealed record FaxSettings
{
    public static readonly FaxSettings Default = new();

    /// <summary>The earliest time of day a fax is sent (default 08:00).</summary>
    public TimeOnly AllowedFrom { get; init; } = new(8, 0);

    /// <summary>The latest time of day a fax is sent, inclusive (default 20:00).</summary>
    public TimeOnly AllowedUntil { get; init; } = new(20, 0);

    /// <summary>Tries per job, the first included (default 3).</summary>
    public int MaxAttempts { get; init; } = 3;

    /// <summary>Wait after a busy, unanswered or failed try (default 5 minutes).</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How often the scheduler looks for due jobs (default 5 s).</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a node's claim on a job it is sending holds (default 15 minutes, longer than any fax call):
    /// when the node dies mid-send, another node takes the job over once the lease has run out.</summary>
    public TimeSpan ClaimLease { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>Why these settings cannot work, or null.</summary>
    public string? Problem() =>
        AllowedUntil <= AllowedFrom ? $"allowed_until ({AllowedUntil:HH\\:mm}) must be later than allowed_from ({AllowedFrom:HH\\:mm})"
        : MaxAttempts is < 1 or > 10 ? $"max_attempts must be 1 to 10, not {MaxAttempts}"
        : RetryDelay < TimeSpan.FromSeconds(10) ? "retry_delay must be at least 10s"
        : PollInterval <= TimeSpan.Zero || PollInterval > TimeSpan.FromMinutes(5) ? "poll_interval must be more than 0 and at most 5m"
        : ClaimLease < TimeSpan.FromMinutes(1) ? "claim_lease must be at least 1m"
        : null;
}
