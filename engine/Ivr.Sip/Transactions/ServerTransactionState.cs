namespace Ivr.Sip.Transactions;

/// <summary>Server transaction states (RFC 3261 Figures 7 and 8; Accepted from RFC 6026 §7.1).</summary>
public enum ServerTransactionState
{
    Trying,
    Proceeding,
    Accepted,
    Completed,
    Confirmed,
    Terminated,
}
