namespace Ivr.Data.Callers;

/// <summary>A flagged caller number (in clear as stored; every view masks it). Active while not removed and before
/// <see cref="ExpiresAt"/> (never, when null).</summary>
public sealed record CallerFlag(
    long Id,
    string Caller,
    string ReasonClass,
    string Reason,
    DateTimeOffset FlaggedAt,
    string FlaggedBy,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset? RemovedAt,
    string? RemovedBy)
{
    public bool IsActiveAt(DateTimeOffset at) => RemovedAt is null && (ExpiresAt is not { } end || at < end);
}
