namespace Ivr.Sip.Throttling;

/// <summary>
/// What the SIP receive path dropped since start, by reason (issue 14): over the source's budget (before any copy), the
/// work queue full, the source's UDP receive queue full, all UDP receive queues together full, and malformed, invalid or
/// refused after parsing.
/// </summary>
public readonly record struct SipDropCounts(long OverBudget, long WorkQueueFull, long SourceQueueFull, long AllQueuesFull, long Malformed);
