namespace Ivr.Data.Drafts;

/// <summary>An editors' draft of the flow set: opened from <see cref="BaseVersion"/>, its state one of <see cref="DraftStates"/>.</summary>
public sealed record Draft(
    long Id,
    string Title,
    string BaseVersion,
    string Author,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string State,
    string? SubmitReason,
    string? CheckReport,
    string? Reviewer,
    string? ReviewComment,
    DateTimeOffset? ReviewedAt,
    string? PublishedVersion);
