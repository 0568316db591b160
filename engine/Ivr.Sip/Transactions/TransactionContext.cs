namespace Ivr.Sip.Transactions;

/// <summary>What every transaction needs: a sender, a clock, the stack's work queue and the timer values.</summary>
public sealed record TransactionContext(ISipMessageSender Sender, TimeProvider Time, SipWorkQueue Queue, SipTimerSettings Timers);
