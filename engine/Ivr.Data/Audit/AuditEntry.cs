namespace Ivr.Data.Audit;

/// <summary>One audited card-service action. <see cref="SubjectMasked"/> is the resident ID masked;
/// no entry ever holds a PIN.</summary>
public sealed record AuditEntry(string CallId, DateTimeOffset At, AuditAction Action, string SubjectMasked, string Outcome);
