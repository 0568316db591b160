namespace Ivr.OperationsConsole.Callers;

/// <summary>What a page to supervisors says about an emergency voice message: no caller number, no recording.</summary>
public sealed record EmergencyPage(long MessageId, string CallId, string Reason, DateTimeOffset MarkedAt, string MarkedBy);
