namespace Ivr.Data.Audit;

/// <summary>What the audit trail records; stored as <c>pin_change</c> / <c>loss_report</c> / <c>lockout</c>.</summary>
public enum AuditAction
{
    PinChange,
    LossReport,
    Lockout,
}
