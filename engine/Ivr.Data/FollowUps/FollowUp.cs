namespace Ivr.Data.FollowUps;

/// <summary>A follow-up call owed to a caller — every dissatisfied caller gets one (不满意服务全部回访). <see cref="DueBeyondCalendar"/>:
/// the due date was counted past the last year the holiday calendar lists (M018).</summary>
public sealed record FollowUp(long Id, string CallId, string Reason, DateTimeOffset CreatedAt, DateOnly DueDate, FollowUpStatus Status, string? Outcome,
    bool DueBeyondCalendar = false);
