using Ivr.Sip.Transport;

namespace Ivr.Sip.Transactions;

/// <summary>
/// INVITE server transaction (RFC 3261 §17.2.1, Figure 7, with the RFC 6026 Accepted state).
/// Sends 100 Trying at once; a 2xx moves to Accepted (the TU retransmits it, §13.3.1.4) where INVITE
/// retransmissions are absorbed until Timer L (64*T1); a 300–699 moves to Completed, retransmitted with
/// Timer G (T1 doubling to T2, unreliable only) until an ACK (→ Confirmed, Timer I = T4) or Timer H (64*T1).
/// </summary>
public sealed class InviteServerTransaction : SipServerTransaction
{
    // Made when first started: an answered call (the usual case) waits out Timer L only, in the stack's timeout line,
    // and its transaction is held for those 32 s, so G, H and I are not made for it.
    private TransactionTimer? _timerG;
    private TransactionTimer? _timerH;
    private TransactionTimer? _timerI;

    internal InviteServerTransaction(SipTransactionKey key, SipRequest request, SipEndPoint source, TransactionContext context, TransactionTimeoutLine timeouts)
        : base(key, request, source, context, timeouts)
    {
        State = ServerTransactionState.Proceeding;
    }

    internal void Start() => Send(SipResponseFactory.Create(Request, 100));

    public override void SendResponse(SipResponse response)
    {
        if (State != ServerTransactionState.Proceeding)
        {
            return;
        }

        Send(response);
        if (response.IsProvisional)
        {
            return;
        }

        var timers = Context.Timers;
        if (response.IsSuccess)
        {
            State = ServerTransactionState.Accepted;
            LetGo(responseToo: true); // the TU retransmits its 2xx; this only absorbs INVITE retransmissions
            Timeouts.Add(this); // Timer L
            return;
        }

        State = ServerTransactionState.Completed;
        LetGo(responseToo: false); // Timer G and retransmitted INVITEs send it again
        if (!Source.IsReliable)
        {
            (_timerG ??= new TransactionTimer(Context, OnTimerG)).Start(timers.T1);
        }

        (_timerH ??= new TransactionTimer(Context, OnTimerH)).Start(timers.TransactionTimeout);
    }

    internal override bool Absorb(SipRequest request)
    {
        if (request.Method == SipMethods.Ack)
        {
            if (State == ServerTransactionState.Completed)
            {
                State = ServerTransactionState.Confirmed;
                LetGo(responseToo: true);
                _timerG?.Stop();
                _timerH?.Stop();
                if (Source.IsReliable)
                {
                    Terminate();
                }
                else
                {
                    (_timerI ??= new TransactionTimer(Context, Terminate)).Start(Context.Timers.T4);
                }
            }

            // An ACK for a 2xx belongs to the TU (§17.2.1); in Confirmed it is a harmless retransmission.
            return State != ServerTransactionState.Accepted;
        }

        if (State is ServerTransactionState.Proceeding or ServerTransactionState.Completed && LastResponse is not null)
        {
            Context.Sender.SendResponse(LastResponse, Source);
        }

        return true;
    }

    private void OnTimerG()
    {
        if (State != ServerTransactionState.Completed || LastResponse is null)
        {
            return;
        }

        Context.Sender.SendResponse(LastResponse, Source);
        _timerG!.Start(Context.Timers.Backoff(_timerG.Interval));
    }

    private void OnTimerH()
    {
        if (State == ServerTransactionState.Completed)
        {
            RaiseTimedOut();
            Terminate();
        }
    }

    internal override void WaitedOut()
    {
        if (State == ServerTransactionState.Accepted) Terminate(); // Timer L
    }

    private protected override void StopTimers()
    {
        _timerG?.Stop();
        _timerH?.Stop();
        _timerI?.Stop();
    }
}
