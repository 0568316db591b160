namespace Ivr.Data.Drafts;

/// <summary>What a state change of a draft records; null fields keep what the draft had.</summary>
public sealed record DraftReview(
    string? SubmitReason = null,
    string? CheckReport = null,
    string? Reviewer = null,
    string? ReviewComment = null,
    string? PublishedVersion = null);
