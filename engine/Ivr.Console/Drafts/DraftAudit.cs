namespace Ivr.OperationsConsole.Drafts;

/// <summary>The access-log actions of the workbench: every step of a draft, by whom and when, with its draft as target (<c>draft:ID</c>).</summary>
internal static class DraftAudit
{
    public const string Create = "draft_create";
    public const string Save = "draft_save";
    public const string Check = "draft_check";
    public const string Submit = "draft_submit";
    public const string Approve = "draft_approve";
    public const string Reject = "draft_reject";
    public const string Rollback = "flow_rollback";

    public static string Target(long id) => $"draft:{id}";
}
