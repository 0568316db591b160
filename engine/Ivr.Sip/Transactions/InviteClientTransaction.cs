using Ivr.Sip.Transport;

namespace Ivr.Sip.Transactions;

/// <summary>
/// INVITE client transaction (RFC 3261 §17.1.1, Figure 5): Timer A retransmits the INVITE (T1, doubling,
/// unreliable only) while Calling, Timer B (64*T1) times out; a 300–699 response is ACKed by the
/// transaction itself (§17.1.1.3) and Timer D (32 s unreliable, 0 reliable) absorbs its retransmissions;
/// a 2xx terminates the transaction and goes to the TU, which sends the ACK.
/// </summary>
public sealed class InviteClientTransaction : SipClientTransaction
{
    private readonly TransactionTimer _timerA;
    private readonly TransactionTimer _timerB;
    private readonly TransactionTimer _timerD;
    private SipRequest? _ack;

    internal InviteClientTransaction(
        SipTransactionKey key, SipRequest request, SipEndPoint destination, TransactionContext context,
        Action<SipResponse> onResponse, Action onTimeout)
        : base(key, request, destination, context, onResponse, onTimeout)
    {
        State = ClientTransactionState.Calling;
        _timerA = new TransactionTimer(context, OnTimerA);
        _timerB = new TransactionTimer(context, OnTimerB);
        _timerD = new TransactionTimer(context, Terminate);
    }

    internal override void Start()
    {
        SendRequest(Request);
        if (!Destination.IsReliable)
        {
            _timerA.Start(Context.Timers.T1);
        }

        _timerB.Start(Context.Timers.TransactionTimeout);
    }

    internal override void ReceiveResponse(SipResponse response)
    {
        if (State == ClientTransactionState.Completed)
        {
            if (!response.IsProvisional && !response.IsSuccess && _ack is not null)
            {
                SendRequest(_ack);
            }

            return;
        }

        if (State is not (ClientTransactionState.Calling or ClientTransactionState.Proceeding))
        {
            return;
        }

        if (response.IsProvisional)
        {
            State = ClientTransactionState.Proceeding;
            _timerA.Stop();
            _timerB.Stop();
            Deliver(response);
            return;
        }

        if (response.IsSuccess)
        {
            Terminate();
            Deliver(response);
            return;
        }

        State = ClientTransactionState.Completed;
        _timerA.Stop();
        _timerB.Stop();
        _ack = BuildAck(response);
        SendRequest(_ack);
        Deliver(response);
        if (Destination.IsReliable)
        {
            Terminate();
        }
        else
        {
            _timerD.Start(Context.Timers.TimerD);
        }
    }

    /// <summary>The ACK for a non-2xx final response (§17.1.1.3): same branch, To from the response.</summary>
    private SipRequest BuildAck(SipResponse response)
    {
        var ack = new SipRequest(SipMethods.Ack, Request.RequestUri);
        ack.Headers.Add(SipHeaderNames.Via, Request.Headers.GetValues(SipHeaderNames.Via)[0]);
        ack.Headers.Add(SipHeaderNames.MaxForwards, "70");
        foreach (var route in Request.Headers.GetValues(SipHeaderNames.Route))
        {
            ack.Headers.Add(SipHeaderNames.Route, route);
        }

        ack.Headers.Add(SipHeaderNames.From, Request.Headers.Get(SipHeaderNames.From)!);
        ack.Headers.Add(SipHeaderNames.To, response.Headers.Get(SipHeaderNames.To) ?? Request.Headers.Get(SipHeaderNames.To)!);
        ack.Headers.Add(SipHeaderNames.CallId, Request.CallId!);
        ack.Headers.Add(SipHeaderNames.CSeq, new CSeqHeader(Request.CSeq!.Value.Number, SipMethods.Ack).ToString());
        return ack;
    }

    private void OnTimerA()
    {
        if (State != ClientTransactionState.Calling)
        {
            return;
        }

        SendRequest(Request);
        _timerA.Start(_timerA.Interval * 2);
    }

    private void OnTimerB()
    {
        if (State == ClientTransactionState.Calling)
        {
            TimeOut();
        }
    }

    private protected override void StopTimers()
    {
        _timerA.Stop();
        _timerB.Stop();
        _timerD.Stop();
    }
}
