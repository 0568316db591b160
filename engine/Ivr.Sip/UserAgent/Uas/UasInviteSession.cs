using Ivr.Sip.Dialogs;
using Ivr.Sip.Refer;
using Ivr.Sip.Sdp;
using Ivr.Sip.Transactions;

namespace Ivr.Sip.UserAgent.Uas;

/// <summary>
/// One inbound INVITE dialog on the UAS side as one state machine (<see cref="UasInviteState"/>). The handler's
/// decisions (ring, answer, reject, hang up, refer) and the peer's requests (ACK, CANCEL, BYE, re-INVITE, NOTIFY,
/// INFO) move it; it sends the responses, resends the 2xx until the ACK (RFC 3261 §13.3.1.4), rejects an INVITE
/// left undecided for <see cref="SipUserAgentOptions.AnswerTimeout"/>, sends BYE (§15.1.1) and tells the handler
/// of the end exactly once. Inputs that do not fit the state are ignored (e.g. Answer after CANCEL). Runs only on
/// the stack's work queue; <see cref="SipCall"/> is its thread-safe public face.
/// </summary>
internal sealed class UasInviteSession
{
    private readonly UasServices _services;
    private readonly UasDialogMessages _messages;
    // Each lives only while it is needed (issue 13: a held call keeps neither): the answer timer until the INVITE is
    // decided, the 2xx retransmission from a 200 until its ACK.
    private TransactionTimer? _answerTimer;
    private InviteOkRetransmitter? _ok;
    private readonly UasReferrals _referrals;
    private readonly Action<UasInviteSession> _onForgotten;
    private readonly long _arrivedAt;

    /// <param name="onForgotten">Called once when the session ends for good (the registry drops it).</param>
    public UasInviteSession(
        UasServices services, SipDialog dialog, SipRequest invite, InviteServerTransaction transaction, SessionDescription? offer,
        Action<UasInviteSession> onForgotten)
    {
        _services = services;
        _onForgotten = onForgotten;
        _arrivedAt = services.Context.Time.GetTimestamp();
        Dialog = dialog;
        RequestUri = invite.RequestUri;
        Transaction = transaction;
        RemoteSdp = offer;
        _messages = new UasDialogMessages(dialog, transaction.Source, services);
        _referrals = new UasReferrals(dialog, _messages);
        Call = new SipCall(this, offer);
    }

    public SipCall Call { get; }

    public SipDialog Dialog { get; }

    /// <summary>The INVITE, read while it is undecided (responses are made from it); its transaction lets go of it
    /// with the final response, so an answered call does not keep it for its whole length (issue 13).</summary>
    public SipRequest Invite => Transaction.Request;

    /// <summary>The INVITE's request URI, kept for the call's length.</summary>
    public SipUri RequestUri { get; }

    /// <summary>The INVITE's header <paramref name="name"/> (its first line), read when the call arrives.</summary>
    public string? InviteHeader(string name) =>
        Transaction.RequestIfHeld is { } invite
            ? invite.Headers.Get(name)
            : throw new InvalidOperationException(
                $"{Call}: the INVITE's headers are read when the call arrives; its final response was sent and the INVITE let go");

    public InviteServerTransaction Transaction { get; }

    public UasInviteState State { get; private set; } = UasInviteState.Incoming;

    /// <summary>Why the call ended for the handler; null while it runs.</summary>
    public SipCallEndReason? EndReason { get; private set; }

    /// <summary>The peer's latest SDP: its offer, the answer in its ACK, or a re-INVITE offer.</summary>
    public SessionDescription? RemoteSdp { get; private set; }

    public TransactionContext Context => _services.Context;

    private bool IsUndecided =>
        State is UasInviteState.Incoming or UasInviteState.Ringing && Transaction.State == ServerTransactionState.Proceeding;

    /// <summary>Runs <paramref name="action"/> on the stack's work queue.</summary>
    public void Post(Action action) => _services.Context.Queue.Post(action);

    /// <summary>Arms the answer timeout and hands the call to the handler; 500 when the handler throws.</summary>
    public void Start()
    {
        _answerTimer = new TransactionTimer(_services.Context, () => Reject(480, "No Answer", SipCallEndReason.AnswerTimeout));
        _answerTimer.Start(_services.Options.AnswerTimeout);
        if (!_services.Handler.IncomingCall(Call))
        {
            Reject(500, null, SipCallEndReason.Rejected);
        }
    }

    public void Ring()
    {
        if (State == UasInviteState.Incoming && IsUndecided)
        {
            Transaction.SendResponse(Response(Invite, 180));
            State = UasInviteState.Ringing;
        }
    }

    /// <summary>200 OK with <paramref name="sdp"/> (our answer, or our offer for a late-offer INVITE).</summary>
    public void Answer(SessionDescription sdp)
    {
        if (!IsUndecided)
        {
            _services.Log.Info($"ignoring Answer for {Call}");
            return;
        }

        var ok = SipCallResponses.WithSdp(Response(Invite, 200), sdp);
        Transaction.SendResponse(ok);
        _services.Options.Metrics.CallAnswered(Context.Time.GetElapsedTime(_arrivedAt));
        StopAnswerTimer();
        State = UasInviteState.Answered;
        Dialog.State = SipDialogState.Confirmed;
        ResendUntilAcked(ok);
    }

    /// <summary>A final error for the undecided INVITE; the call ends with <paramref name="endReason"/>.</summary>
    public void Reject(int statusCode, string? reason, SipCallEndReason endReason)
    {
        if (IsUndecided)
        {
            Transaction.SendResponse(Response(Invite, statusCode, reason));
            End(endReason);
        }
    }

    /// <summary>The peer cancelled the undecided INVITE: 487 (RFC 3261 §9.2).</summary>
    public void OnCancel() => Reject(487, null, SipCallEndReason.Cancelled);

    /// <summary>
    /// Local hangup. Undecided: 480. Confirmed: BYE now. Answered but not yet ACKed: the call ends for the handler
    /// now and the BYE follows the ACK or the 2xx timeout (§15) while the 200 keeps being resent.
    /// </summary>
    public void Hangup()
    {
        switch (State)
        {
            case UasInviteState.Incoming or UasInviteState.Ringing:
                Reject(480, null, SipCallEndReason.LocalHangup);
                break;
            case UasInviteState.Answered:
                State = UasInviteState.ByeAfterAck;
                Conclude(SipCallEndReason.LocalHangup);
                break;
            case UasInviteState.Confirmed:
                _messages.SendBye();
                End(SipCallEndReason.LocalHangup);
                break;
        }
    }

    /// <summary>The stack shuts down: BYE once answered, 503 before.</summary>
    public void Shutdown()
    {
        if (State is UasInviteState.Answered or UasInviteState.Confirmed or UasInviteState.ByeAfterAck)
        {
            _messages.SendBye();
        }
        else
        {
            Reject(503, null, SipCallEndReason.Shutdown);
        }

        End(SipCallEndReason.Shutdown);
    }

    /// <summary>An ACK for our 2xx: stop resending it; a deferred BYE leaves; the first one confirms the call.</summary>
    public void OnAck(SipRequest ack)
    {
        StopResending();
        if (State == UasInviteState.ByeAfterAck)
        {
            _messages.SendBye();
            End(SipCallEndReason.LocalHangup);
        }

        RemoteSdp = InviteSdp.OfAck(ack) ?? RemoteSdp;
        if (State == UasInviteState.Answered)
        {
            State = UasInviteState.Confirmed;
            _services.Handler.Confirmed(Call);
        }
    }

    /// <summary>A request within the dialog (§12.2.2): CSeq checked, then BYE, re-INVITE, NOTIFY, INFO or any other.</summary>
    public void OnRequest(SipRequest request, SipServerTransaction transaction)
    {
        if (!Dialog.TryAcceptRemote(request))
        {
            transaction.SendResponse(SipResponseFactory.Create(request, 500, "CSeq Out Of Order"));
            return;
        }

        switch (request.Method)
        {
            case SipMethods.Bye:
                transaction.SendResponse(Response(request, 200));
                if (Transaction.State == ServerTransactionState.Proceeding)
                {
                    Transaction.SendResponse(Response(Invite, 487));
                }

                End(SipCallEndReason.RemoteHangup);
                break;
            case SipMethods.Invite:
                OnReinvite(request, (InviteServerTransaction)transaction);
                break;
            case SipMethods.Notify:
                var expected = _referrals.Expects(request); // the refer event (RFC 3515 §2.4.4); no other subscription (RFC 6665 §4.1.3)
                transaction.SendResponse(expected ? Response(request, 200) : Response(request, 481, "Subscription Does Not Exist"));
                if (expected) _referrals.OnNotify(request);
                break;
            case SipMethods.Info:
                _services.Handler.Info(Call, request.ContentType, request.Body);
                transaction.SendResponse(Response(request, 200));
                break;
            default:
                transaction.SendResponse(_messages.Capabilities(request));
                break;
        }
    }

    /// <summary>Sends the REFER (RFC 3515 §2.4.1) unless the call is not confirmed or another REFER is pending.</summary>
    public void Refer(SipUri target, IReadOnlyList<SipHeader> headers, SipReferSubscription subscription)
    {
        if (State != UasInviteState.Confirmed)
        {
            subscription.Fail(EndReason is null ? SipReferResult.NotConfirmed : SipReferResult.CallEnded);
            return;
        }

        if (_referrals.IsPending)
        {
            subscription.Fail(SipReferResult.InProgress);
            return;
        }

        _referrals.Send(target, headers, subscription);
    }

    /// <summary>A re-INVITE (hold, resume, new address): the handler's answer in a 200 resent until the ACK, or 488.</summary>
    private void OnReinvite(SipRequest reinvite, InviteServerTransaction transaction)
    {
        var offer = InviteSdp.Read(reinvite, transaction);
        if (offer is { IsSuccess: false })
        {
            return;
        }

        var answer = _services.Handler.Reinvite(Call, offer?.Value);
        if (answer is null)
        {
            transaction.SendResponse(Response(reinvite, 488));
            return;
        }

        if (offer is not null)
        {
            RemoteSdp = offer.Value.Value;
        }

        var ok = SipCallResponses.WithSdp(Response(reinvite, 200), answer);
        transaction.SendResponse(ok);
        ResendUntilAcked(ok);
    }

    /// <summary>True when nothing waits: no undecided INVITE's answer timer, no 2xx resent until its ACK.</summary>
    internal bool IsAtRest => _answerTimer is null && _ok is null;

    private void ResendUntilAcked(SipResponse ok) =>
        (_ok ??= new InviteOkRetransmitter(_services.Context, Transaction.Source, OnAckTimeout)).Start(ok);

    private void StopResending()
    {
        _ok?.Stop();
        _ok = null;
    }

    private void StopAnswerTimer()
    {
        _answerTimer?.Stop();
        _answerTimer = null;
    }

    private void OnAckTimeout()
    {
        if (State is UasInviteState.Answered or UasInviteState.Confirmed or UasInviteState.ByeAfterAck)
        {
            _services.Log.Warning($"no ACK for the 200 of {Call} within 64*T1; sending BYE");
            _messages.SendBye();
            End(SipCallEndReason.AckTimeout);
        }
    }

    /// <summary>Stops the timers, is forgotten by the registry and tells the handler (unless already told).</summary>
    private void End(SipCallEndReason reason)
    {
        if (State == UasInviteState.Ended)
        {
            return;
        }

        StopAnswerTimer();
        StopResending();
        State = UasInviteState.Ended;
        _onForgotten(this);
        Conclude(reason);
    }

    /// <summary>The call is over for the handler, once: the dialog terminates and a pending REFER fails.</summary>
    private void Conclude(SipCallEndReason reason)
    {
        if (EndReason is not null)
        {
            return;
        }

        EndReason = reason;
        _referrals.OnCallEnded();
        Dialog.State = SipDialogState.Terminated;
        _services.Handler.Ended(Call, reason);
    }

    private SipResponse Response(SipRequest request, int statusCode, string? reason = null) => _messages.Response(request, statusCode, reason);
}
