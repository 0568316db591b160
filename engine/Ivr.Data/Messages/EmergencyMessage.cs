namespace Ivr.Data.Messages;

/// <summary>A voice message a supervisor marked an emergency (威胁、紧急情况: escalate at once, day and night), M014.</summary>
public sealed record EmergencyMessage(long Id, string CallId, string Reason, DateTimeOffset CreatedAt, DateTimeOffset MarkedAt, string MarkedBy);
