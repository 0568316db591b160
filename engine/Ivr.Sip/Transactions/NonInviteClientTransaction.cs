using Ivr.Sip.Transport;

namespace Ivr.Sip.Transactions;

/// <summary>
/// Non-INVITE client transaction (RFC 3261 §17.1.2, Figure 6), e.g. BYE: Timer E retransmits (T1 doubling
/// to T2 while Trying, every T2 while Proceeding; unreliable only), Timer F (64*T1) times out, and after a
/// final response Timer K (T4 unreliable, 0 reliable) absorbs retransmitted responses.
/// </summary>
public sealed class NonInviteClientTransaction : SipClientTransaction
{
    private readonly TransactionTimer _timerE;
    private readonly TransactionTimer _timerF;
    private readonly TransactionTimer _timerK;

    internal NonInviteClientTransaction(
        SipTransactionKey key, SipRequest request, SipEndPoint destination, TransactionContext context,
        Action<SipResponse> onResponse, Action onTimeout)
        : base(key, request, destination, context, onResponse, onTimeout)
    {
        State = ClientTransactionState.Trying;
        _timerE = new TransactionTimer(context, OnTimerE);
        _timerF = new TransactionTimer(context, OnTimerF);
        _timerK = new TransactionTimer(context, Terminate);
    }

    internal override void Start()
    {
        SendRequest(Request);
        if (!Destination.IsReliable)
        {
            _timerE.Start(Context.Timers.T1);
        }

        _timerF.Start(Context.Timers.TransactionTimeout);
    }

    internal override void ReceiveResponse(SipResponse response)
    {
        if (State is not (ClientTransactionState.Trying or ClientTransactionState.Proceeding))
        {
            return;
        }

        if (response.IsProvisional)
        {
            State = ClientTransactionState.Proceeding;
            Deliver(response);
            return;
        }

        State = ClientTransactionState.Completed;
        _timerE.Stop();
        _timerF.Stop();
        Deliver(response);
        if (Destination.IsReliable)
        {
            Terminate();
        }
        else
        {
            _timerK.Start(Context.Timers.T4);
        }
    }

    private void OnTimerE()
    {
        if (State is not (ClientTransactionState.Trying or ClientTransactionState.Proceeding))
        {
            return;
        }

        SendRequest(Request);
        _timerE.Start(State == ClientTransactionState.Trying ? Context.Timers.Backoff(_timerE.Interval) : Context.Timers.T2);
    }

    private void OnTimerF()
    {
        if (State is ClientTransactionState.Trying or ClientTransactionState.Proceeding)
        {
            TimeOut();
        }
    }

    private protected override void StopTimers()
    {
        _timerE.Stop();
        _timerF.Stop();
        _timerK.Stop();
    }
}
