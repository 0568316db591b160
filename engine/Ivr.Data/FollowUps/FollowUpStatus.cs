namespace Ivr.Data.FollowUps;

/// <summary>Where a follow-up (回访) stands; stored as <c>new</c> / <c>assigned</c> / <c>done</c>.</summary>
public enum FollowUpStatus
{
    New,
    Assigned,
    Done,
}
