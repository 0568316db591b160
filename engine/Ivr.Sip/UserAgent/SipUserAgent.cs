using System.Net;
using Ivr.Sip.Dialogs;
using Ivr.Sip.Message;
using Ivr.Sip.Sdp;
using Ivr.Sip.Transactions;
using Ivr.Sip.Transport;

namespace Ivr.Sip.UserAgent;

/// <summary>
/// The UAS core (RFC 3261 §8.2, §12–15): answers requests the transaction layer did not absorb, owns the
/// calls and their dialogs, and hands call decisions to the <see cref="ISipCallHandler"/>. Runs only on
/// the stack's work queue.
/// </summary>
public sealed class SipUserAgent
{
    private readonly TransactionContext _context;
    private readonly SipTransactionLayer _transactions;
    private readonly ISipCallHandler _handler;
    private readonly SipUserAgentOptions _options;
    private readonly SipLocalAddress _local;
    private readonly ISipLog _log;
    private readonly Dictionary<SipDialogId, SipCall> _calls = [];

    public SipUserAgent(
        TransactionContext context, SipTransactionLayer transactions, ISipCallHandler handler,
        SipUserAgentOptions options, SipLocalAddress local, ISipLog log)
    {
        _context = context;
        _transactions = transactions;
        _handler = handler;
        _options = options;
        _local = local;
        _log = log;
    }

    public int ActiveCalls => _calls.Count;

    public IReadOnlyCollection<SipCall> Calls => _calls.Values;

    /// <summary>Handles a valid request that is not a retransmission.</summary>
    public void OnRequest(SipRequest request, SipEndPoint source)
    {
        if (request.Method == SipMethods.Ack)
        {
            OnAck(request);
            return;
        }

        var transaction = _transactions.CreateServerTransaction(request, source);
        var rejection = SipRequestScreen.Check(request);
        if (rejection is not null)
        {
            transaction.SendResponse(rejection.ToResponse(request, SipIds.NewTag()));
            return;
        }

        if (request.Method == SipMethods.Cancel)
        {
            OnCancel(request, transaction);
        }
        else if (request.To?.Tag is not null)
        {
            OnInDialog(request, transaction);
        }
        else if (request.Method == SipMethods.Invite)
        {
            OnInvite(request, (InviteServerTransaction)transaction);
        }
        else if (request.Method == SipMethods.Options)
        {
            transaction.SendResponse(SipCallResponses.ForOptions(request, SipIds.NewTag(), _options.ProductName));
        }
        else
        {
            transaction.SendResponse(SipResponseFactory.Create(request, 481, null, SipIds.NewTag()));
        }
    }

    /// <summary>Ends every call (BYE for answered ones).</summary>
    public void EndAll()
    {
        foreach (var call in _calls.Values.ToList())
        {
            if (call.State is SipCallState.Answered or SipCallState.Confirmed)
            {
                SendBye(call);
            }
            else
            {
                Reject(call, 503, null, SipCallEndReason.Shutdown);
            }

            End(call, SipCallEndReason.Shutdown);
        }
    }

    internal void Post(Action action) => _context.Queue.Post(action);

    internal void Ring(SipCall call)
    {
        if (call.State is SipCallState.Incoming && call.Transaction.State == ServerTransactionState.Proceeding)
        {
            call.Transaction.SendResponse(Response(call, call.Invite, 180));
            call.State = SipCallState.Ringing;
        }
    }

    internal void Answer(SipCall call, SessionDescription sdp)
    {
        if (call.State is not (SipCallState.Incoming or SipCallState.Ringing) || call.Transaction.State != ServerTransactionState.Proceeding)
        {
            _log.Info($"ignoring Answer for {call}");
            return;
        }

        var ok = SipCallResponses.WithSdp(Response(call, call.Invite, 200), sdp);
        call.Transaction.SendResponse(ok);
        call.State = SipCallState.Answered;
        call.Dialog.State = SipDialogState.Confirmed;
        StartOkRetransmission(call, ok);
    }

    internal void Reject(SipCall call, int statusCode, string? reason, SipCallEndReason endReason)
    {
        if (call.State is SipCallState.Incoming or SipCallState.Ringing && call.Transaction.State == ServerTransactionState.Proceeding)
        {
            call.Transaction.SendResponse(Response(call, call.Invite, statusCode, reason));
            End(call, endReason);
        }
    }

    internal void Hangup(SipCall call)
    {
        switch (call.State)
        {
            case SipCallState.Incoming or SipCallState.Ringing:
                Reject(call, 480, null, SipCallEndReason.LocalHangup);
                break;
            case SipCallState.Answered or SipCallState.Confirmed:
                SendBye(call);
                End(call, SipCallEndReason.LocalHangup);
                break;
        }
    }

    private void OnInvite(SipRequest invite, InviteServerTransaction transaction)
    {
        if (_calls.Count >= _options.MaxCalls)
        {
            var busy = SipResponseFactory.Create(invite, 503, "Too Many Calls", SipIds.NewTag());
            busy.Headers.Add(SipHeaderNames.RetryAfter, _options.RetryAfterSeconds.ToString());
            transaction.SendResponse(busy);
            return;
        }

        var offer = ParseSdp(invite, transaction);
        if (offer is { IsSuccess: false })
        {
            return;
        }

        var dialog = SipDialog.CreateUas(invite, SipIds.NewTag(), _local.Contact(transaction.Source.Transport));
        var call = new SipCall(this, dialog, invite, transaction, offer?.Value);
        _calls[dialog.Id] = call;
        try
        {
            _handler.OnIncomingCall(call);
        }
        catch (Exception ex)
        {
            _log.Warning($"call handler failed for {call.CallId}: {ex.GetType().Name}: {ex.Message}");
            Reject(call, 500, null, SipCallEndReason.Rejected);
        }
    }

    private void OnAck(SipRequest ack)
    {
        if (!TryFindCall(ack, out var call))
        {
            return;
        }

        call.PendingOk?.Stop();
        call.PendingOk = null;
        if (ack.Body.Length > 0 && ack.ContentType == SipRequestScreen.SdpType
            && SessionDescription.Parse(ack.Body) is { IsSuccess: true } sdp)
        {
            call.RemoteSdp = sdp.Value;
        }

        if (call.State == SipCallState.Answered)
        {
            call.State = SipCallState.Confirmed;
            Notify(call, () => _handler.OnCallConfirmed(call));
        }
    }

    private void OnCancel(SipRequest cancel, SipServerTransaction cancelTransaction)
    {
        var invite = _transactions.FindInviteFor(cancel);
        if (invite is null)
        {
            cancelTransaction.SendResponse(SipResponseFactory.Create(cancel, 481, null, SipIds.NewTag()));
            return;
        }

        var call = _calls.Values.FirstOrDefault(c => c.Transaction == invite);
        cancelTransaction.SendResponse(SipResponseFactory.Create(cancel, 200, null, call?.Dialog.Id.LocalTag ?? SipIds.NewTag()));
        if (invite.State != ServerTransactionState.Proceeding)
        {
            return;
        }

        if (call is null)
        {
            invite.SendResponse(SipResponseFactory.Create(invite.Request, 487, null, SipIds.NewTag()));
        }
        else
        {
            Reject(call, 487, null, SipCallEndReason.Cancelled);
        }
    }

    private void OnInDialog(SipRequest request, SipServerTransaction transaction)
    {
        if (!TryFindCall(request, out var call))
        {
            transaction.SendResponse(SipResponseFactory.Create(request, 481));
            return;
        }

        if (!call.Dialog.TryAcceptRemote(request))
        {
            transaction.SendResponse(SipResponseFactory.Create(request, 500, "CSeq Out Of Order"));
            return;
        }

        switch (request.Method)
        {
            case SipMethods.Bye:
                transaction.SendResponse(Response(call, request, 200));
                if (call.Transaction.State == ServerTransactionState.Proceeding)
                {
                    call.Transaction.SendResponse(Response(call, call.Invite, 487));
                }

                End(call, SipCallEndReason.RemoteHangup);
                break;
            case SipMethods.Invite:
                OnReinvite(call, request, (InviteServerTransaction)transaction);
                break;
            case SipMethods.Info:
                Notify(call, () => _handler.OnInfo(call, request.ContentType, request.Body));
                transaction.SendResponse(Response(call, request, 200));
                break;
            default:
                transaction.SendResponse(SipCallResponses.ForOptions(request, call.Dialog.Id.LocalTag, _options.ProductName));
                break;
        }
    }

    private void OnReinvite(SipCall call, SipRequest reinvite, InviteServerTransaction transaction)
    {
        var offer = ParseSdp(reinvite, transaction);
        if (offer is { IsSuccess: false })
        {
            return;
        }

        SessionDescription? answer = null;
        Notify(call, () => answer = _handler.OnReinvite(call, offer?.Value));
        if (answer is null)
        {
            transaction.SendResponse(Response(call, reinvite, 488));
            return;
        }

        if (offer is not null)
        {
            call.RemoteSdp = offer.Value.Value;
        }

        var ok = SipCallResponses.WithSdp(Response(call, reinvite, 200), answer);
        transaction.SendResponse(ok);
        StartOkRetransmission(call, ok);
    }

    private ParseResult<SessionDescription>? ParseSdp(SipRequest request, SipServerTransaction transaction)
    {
        if (request.Body.Length == 0)
        {
            return null;
        }

        var sdp = SessionDescription.Parse(request.Body);
        if (!sdp.IsSuccess)
        {
            transaction.SendResponse(SipResponseFactory.Create(request, 400, "Malformed SDP", SipIds.NewTag()));
        }

        return sdp;
    }

    private void StartOkRetransmission(SipCall call, SipResponse ok)
    {
        call.PendingOk?.Stop();
        call.PendingOk = new InviteOkRetransmitter(_context, ok, call.RemoteEndPoint, () => OnAckTimeout(call));
        call.PendingOk.Start();
    }

    private void OnAckTimeout(SipCall call)
    {
        if (call.State is SipCallState.Answered or SipCallState.Confirmed)
        {
            _log.Warning($"no ACK for the 200 of {call} within 64*T1; sending BYE");
            SendBye(call);
            End(call, SipCallEndReason.AckTimeout);
        }
    }

    private void SendBye(SipCall call)
    {
        var bye = call.Dialog.CreateRequest(SipMethods.Bye);
        var transport = call.RemoteEndPoint.Transport;
        bye.Headers.AddFirst(SipHeaderNames.Via, _local.Via(transport, SipIds.NewBranch()).ToString());
        _transactions.SendRequest(
            bye,
            ByeDestination(call),
            response => _log.Info($"BYE for {call.CallId} answered {response.StatusCode}"),
            () => _log.Warning($"BYE for {call.CallId} timed out"));
    }

    /// <summary>
    /// Over UDP, the first route or the remote target when it is an IP literal (§12.2.1.1, §8.1.2); otherwise —
    /// a host name we do not resolve, or TCP where we reuse the caller's connection — where the INVITE came from.
    /// </summary>
    private static SipEndPoint ByeDestination(SipCall call)
    {
        var target = call.Dialog.RouteSet.Count > 0 ? call.Dialog.RouteSet[0].Uri : call.Dialog.RemoteTarget;
        if (call.RemoteEndPoint.IsReliable || target.HostAddress is not { } address)
        {
            return call.RemoteEndPoint;
        }

        return call.RemoteEndPoint with { EndPoint = new IPEndPoint(address, target.Port ?? 5060) };
    }

    private void End(SipCall call, SipCallEndReason reason)
    {
        if (call.State == SipCallState.Ended)
        {
            return;
        }

        call.State = SipCallState.Ended;
        call.EndReason = reason;
        call.PendingOk?.Stop();
        call.Dialog.State = SipDialogState.Terminated;
        _calls.Remove(call.Dialog.Id);
        Notify(call, () => _handler.OnCallEnded(call, reason));
    }

    private SipResponse Response(SipCall call, SipRequest request, int statusCode, string? reason = null) =>
        SipCallResponses.ForCall(request, statusCode, call.Dialog.Id.LocalTag, call.Dialog.LocalContact, _options.ProductName, reason);

    private bool TryFindCall(SipRequest request, out SipCall call)
    {
        var id = new SipDialogId(request.CallId ?? string.Empty, request.To?.Tag ?? string.Empty, request.From?.Tag ?? string.Empty);
        return _calls.TryGetValue(id, out call!);
    }

    private void Notify(SipCall call, Action callback)
    {
        try
        {
            callback();
        }
        catch (Exception ex)
        {
            _log.Warning($"call handler failed for {call.CallId}: {ex.GetType().Name}: {ex.Message}");
        }
    }
}
