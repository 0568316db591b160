namespace Ivr.Data.Messages;

/// <summary>
/// The three kinds of complaint (投诉) the complaint flow takes, stored as a voice message's reason
/// <c>complaint_attitude</c> (服务态度), <c>complaint_misconduct</c> (违规违纪, "吃拿卡要") and <c>complaint_policy</c>
/// (政策). The console lists complaints before other messages.
/// </summary>
public static class ComplaintKinds
{
    public const string ReasonPrefix = "complaint_";

    public static readonly IReadOnlyList<string> Reasons = ["complaint_attitude", "complaint_misconduct", "complaint_policy"];

    public static bool IsComplaint(string? reason) => reason is not null && Reasons.Contains(reason);
}
