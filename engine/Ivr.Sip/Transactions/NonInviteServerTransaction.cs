using Ivr.Sip.Transport;

namespace Ivr.Sip.Transactions;

/// <summary>
/// Non-INVITE server transaction (RFC 3261 §17.2.2, Figure 8): Trying → Proceeding on a provisional,
/// Completed on a final response; retransmitted requests get the last response again; Timer J
/// (64*T1 unreliable, 0 reliable) then terminates it.
/// </summary>
public sealed class NonInviteServerTransaction : SipServerTransaction
{
    private readonly TransactionTimer _timerJ;

    internal NonInviteServerTransaction(SipTransactionKey key, SipRequest request, SipEndPoint source, TransactionContext context)
        : base(key, request, source, context)
    {
        State = ServerTransactionState.Trying;
        _timerJ = new TransactionTimer(context, Terminate);
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
            _timerJ.Start(Context.Timers.TransactionTimeout);
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

    private protected override void StopTimers() => _timerJ.Stop();
}
