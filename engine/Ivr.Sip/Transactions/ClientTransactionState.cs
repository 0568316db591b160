namespace Ivr.Sip.Transactions;

/// <summary>Client transaction states (RFC 3261 Figures 5 and 6).</summary>
public enum ClientTransactionState
{
    Calling,
    Trying,
    Proceeding,
    Completed,
    Terminated,
}
