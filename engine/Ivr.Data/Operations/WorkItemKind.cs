namespace Ivr.Data.Operations;

/// <summary>What people work through after calls: voice messages to call back and follow-ups (回访).</summary>
public enum WorkItemKind
{
    Message,
    FollowUp,
}
