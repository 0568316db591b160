using Ivr.Sip.Transport;

namespace Ivr.Sip.Transactions;

/// <summary>
/// Non-INVITE server transaction (RFC 3261 §17.2.2, Figure 8): Trying → Proceeding on a provisional,
/// Completed on a final response; retransmitted requests get the last response again; Timer J
/// (64*T1 unreliable, 0 reliable) then terminates it.
/// </summary>
public sealed class NonInviteServerTransaction : SipServerTransaction
{
    internal NonInviteServerTransaction(SipTransactionKey key, SipRequest request, SipEndPoint source, TransactionContext context, TransactionTimeoutLine timeouts)
        : base(key, request, source, context, timeouts)
    {
        State = ServerTransactionState.Trying;
    }

    public override void SendResponse(SipResponse response)
    {
        if (State is not (ServerTransactionState.Trying or ServerTransactionState.Proceeding))
        {
            return;
        }

        Send(response);
        if (response.IsProvisional)
        {
            State = ServerTransactionState.Proceeding;
            return;
        }

        State = ServerTransactionState.Completed;
        if (Source.IsReliable)
        {
            Terminate();
        }
        else
        {
            LetGo(responseToo: false); // a retransmitted request gets the last response again
            Timeouts.Add(this); // Timer J
        }
    }

    internal override bool Absorb(SipRequest request)
    {
        if (State is ServerTransactionState.Proceeding or ServerTransactionState.Completed && LastResponse is not null)
        {
            Context.Sender.SendResponse(LastResponse, Source);
        }

        return true;
    }

    internal override void WaitedOut()
    {
        if (State == ServerTransactionState.Completed) Terminate(); // Timer J
    }

    private protected override void StopTimers()
    {
        // Timer J waits in the stack's timeout line, which ends only what still waits for it.
    }
}
