namespace Ivr.Data.Maintenance;

/// <summary>One backup, scheduled or by hand: where it went, its size, and how it ended (<see cref="Detail"/>: why it failed).</summary>
public sealed record BackupRun(DateTimeOffset StartedAt, DateTimeOffset FinishedAt, string Node, string Trigger, bool Ok, string File, long Bytes,
    string? Detail)
{
    public const string Scheduled = "scheduled";
    public const string Manual = "manual";
}
