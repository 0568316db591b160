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
    private readonly SipTransactionLayer _transactions;
    private readonly ISipCallHandler _handler;
    private readonly SipUserAgentOptions _options;
    private readonly SipLocalAddress _local;
    private readonly ISipLog _log;
    private readonly SipCallController _calls;
    private readonly SipOutboundCalls _outbound;

    public SipUserAgent(
        TransactionContext context, SipTransactionLayer transactions, ISipCallHandler handler,
        SipUserAgentOptions options, SipLocalAddress local, ISipLog log)
    {
        _transactions = transactions;
        _handler = handler;
        _options = options;
        _local = local;
        _log = log;
        _calls = new SipCallController(context, transactions, handler, options, local, log);
        _outbound = new SipOutboundCalls(context, transactions, local, log);
    }

    public int ActiveCalls => _calls.Count;

    public IReadOnlyCollection<SipCall> Calls => _calls.Calls;

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
    public void EndAll() => _calls.EndAll();

    /// <summary>
    /// Places a call (UAC): INVITE with <paramref name="offer"/> to <paramref name="target"/>, sent to
    /// <paramref name="destination"/> (we resolve no DNS). Callable from any thread; the INVITE leaves on the work queue.
    /// </summary>
    public SipOutboundCall PlaceCall(SipUri target, SipEndPoint destination, NameAddress from, SessionDescription offer, SipOutboundOptions? options = null)
    {
        var call = _outbound.Create(target, destination, from, offer, options ?? SipOutboundOptions.None);
        _outbound.Post(() => _outbound.Start(call));
        return call;
    }

    /// <summary>A response that matched no client transaction (e.g. a retransmitted 2xx to our INVITE).</summary>
    public void OnStrayResponse(SipResponse response) => _outbound.OnStrayResponse(response);

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
        var call = new SipCall(_calls, dialog, invite, transaction, offer?.Value);
        _calls.Register(call);
        try
        {
            _handler.OnIncomingCall(call);
        }
        catch (Exception ex)
        {
            _log.Warning($"call handler failed for {call.CallId}: {ex.GetType().Name}: {ex.Message}");
            _calls.Reject(call, 500, null, SipCallEndReason.Rejected);
        }
    }

    private void OnAck(SipRequest ack)
    {
        if (!_calls.TryFind(ack, out var call))
        {
            return;
        }

        _calls.OnAcknowledged(call);
        if (ack.Body.Length > 0 && ack.ContentType == SipRequestScreen.SdpType
            && SessionDescription.Parse(ack.Body) is { IsSuccess: true } sdp)
        {
            call.RemoteSdp = sdp.Value;
        }

        if (call.State == SipCallState.Answered)
        {
            call.State = SipCallState.Confirmed;
            _calls.Notify(call, () => _handler.OnCallConfirmed(call));
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

        var call = _calls.Calls.FirstOrDefault(c => c.Transaction == invite);
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
            _calls.Reject(call, 487, null, SipCallEndReason.Cancelled);
        }
    }

    private void OnInDialog(SipRequest request, SipServerTransaction transaction)
    {
        if (!_calls.TryFind(request, out var call))
        {
            if (_outbound.TryFind(request, out var outbound))
            {
                _outbound.OnInDialog(outbound, request, transaction);
            }
            else
            {
                transaction.SendResponse(SipResponseFactory.Create(request, 481));
            }

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
                transaction.SendResponse(_calls.Response(call, request, 200));
                if (call.Transaction.State == ServerTransactionState.Proceeding)
                {
                    call.Transaction.SendResponse(_calls.Response(call, call.Invite, 487));
                }

                _calls.End(call, SipCallEndReason.RemoteHangup);
                break;
            case SipMethods.Invite:
                OnReinvite(call, request, (InviteServerTransaction)transaction);
                break;
            case SipMethods.Notify:
                OnNotify(call, request, transaction);
                break;
            case SipMethods.Info:
                _calls.Notify(call, () => _handler.OnInfo(call, request.ContentType, request.Body));
                transaction.SendResponse(_calls.Response(call, request, 200));
                break;
            default:
                transaction.SendResponse(SipCallResponses.ForOptions(request, call.Dialog.Id.LocalTag, _options.ProductName));
                break;
        }
    }

    /// <summary>
    /// NOTIFY within a call: the refer event (RFC 3515 §2.4.4) is answered 200 and fed to the pending REFER;
    /// any other event has no subscription here (481, RFC 6665 §4.1.3).
    /// </summary>
    private void OnNotify(SipCall call, SipRequest notify, SipServerTransaction transaction)
    {
        if (!Refer.SipReferSubscription.IsReferEvent(notify) || call.PendingRefer is null)
        {
            transaction.SendResponse(_calls.Response(call, notify, 481, "Subscription Does Not Exist"));
            return;
        }

        transaction.SendResponse(_calls.Response(call, notify, 200));
        call.PendingRefer.OnNotify(notify);
    }

    private void OnReinvite(SipCall call, SipRequest reinvite, InviteServerTransaction transaction)
    {
        var offer = ParseSdp(reinvite, transaction);
        if (offer is { IsSuccess: false })
        {
            return;
        }

        SessionDescription? answer = null;
        _calls.Notify(call, () => answer = _handler.OnReinvite(call, offer?.Value));
        if (answer is null)
        {
            transaction.SendResponse(_calls.Response(call, reinvite, 488));
            return;
        }

        if (offer is not null)
        {
            call.RemoteSdp = offer.Value.Value;
        }

        var ok = SipCallResponses.WithSdp(_calls.Response(call, reinvite, 200), answer);
        transaction.SendResponse(ok);
        _calls.StartOkRetransmission(call, ok);
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
}
