using Ivr.Sip.Dialogs;
using Ivr.Sip.Sdp;
using Ivr.Sip.Transactions;
using Ivr.Sip.Transport;

namespace Ivr.Sip.UserAgent;

/// <summary>
/// The UAC side (RFC 3261 §13.2, §9.1, §15.1): sends INVITEs through client transactions, ACKs every 2xx
/// itself (§13.2.2.4, including retransmissions), CANCELs on request (only after a provisional, §9.1),
/// BYEs answered calls, and answers the callee's in-dialog requests. Runs only on the stack's work queue.
/// </summary>
internal sealed class SipOutboundCalls
{
    private readonly TransactionContext _context;
    private readonly SipTransactionLayer _transactions;
    private readonly SipLocalAddress _local;
    private readonly ISipLog _log;
    private readonly Dictionary<(string CallId, string LocalTag), SipOutboundCall> _calls = [];

    public SipOutboundCalls(TransactionContext context, SipTransactionLayer transactions, SipLocalAddress local, ISipLog log)
    {
        _context = context;
        _transactions = transactions;
        _local = local;
        _log = log;
    }

    public int Count => _calls.Count;

    public void Post(Action action) => _context.Queue.Post(action);

    public SipOutboundCall Create(SipUri target, SipEndPoint destination, NameAddress from, SessionDescription offer, SipOutboundOptions options)
    {
        var invite = new SipRequest(SipMethods.Invite, target);
        invite.Headers.Add(SipHeaderNames.Via, _local.Via(destination.Transport, SipIds.NewBranch()).ToString());
        invite.Headers.Add(SipHeaderNames.MaxForwards, "70");
        invite.Headers.Add(SipHeaderNames.From, from.WithTag(SipIds.NewTag()).ToString());
        invite.Headers.Add(SipHeaderNames.To, new NameAddress(target).ToString());
        invite.Headers.Add(SipHeaderNames.CallId, SipIds.NewCallId(_local.Host));
        invite.Headers.Add(SipHeaderNames.CSeq, new CSeqHeader(1, SipMethods.Invite).ToString());
        invite.Headers.Add(SipHeaderNames.Contact, new NameAddress(_local.Contact(destination.Transport)).ToString());
        invite.Headers.Add(SipHeaderNames.Allow, SipRequestScreen.AllowValue);
        foreach (var header in options.Headers)
        {
            invite.Headers.Add(header.Name, header.Value);
        }

        invite.Headers.Add(SipHeaderNames.ContentType, SipRequestScreen.SdpType);
        invite.Body = offer.ToBytes();
        var call = new SipOutboundCall(this, invite, destination, options.Credentials);
        if (options.Progress is { } progress)
        {
            call.Progress += progress;
        }

        return call;
    }

    public void Start(SipOutboundCall call)
    {
        _calls[(call.CallId, call.LocalTag)] = call;
        Send(call);
    }

    private void Send(SipOutboundCall call)
    {
        var invite = call.Invite;
        _transactions.SendRequest(invite, call.Destination, r => { if (call.Invite == invite) OnResponse(call, r); }, () => { if (call.Invite == invite) OnTimeout(call); });
    }

    public bool TryFind(SipRequest request, out SipOutboundCall call) =>
        _calls.TryGetValue((request.CallId ?? string.Empty, request.To?.Tag ?? string.Empty), out call!)
        && call.Dialog is not null && call.Dialog.Id.RemoteTag == request.From?.Tag;

    /// <summary>A 2xx retransmission reaching no transaction: ACK it again (§13.2.2.4).</summary>
    public void OnStrayResponse(SipResponse response)
    {
        if (response.IsSuccess && response.CSeq?.Method == SipMethods.Invite
            && _calls.TryGetValue((response.CallId ?? string.Empty, response.From?.Tag ?? string.Empty), out var call)
            && call.Ack is not null)
        {
            _context.Sender.SendRequest(call.Ack, call.Destination);
        }
    }

    /// <summary>Handles a request from the callee within an outbound call's dialog.</summary>
    public void OnInDialog(SipOutboundCall call, SipRequest request, SipServerTransaction transaction)
    {
        if (!call.Dialog!.TryAcceptRemote(request))
        {
            transaction.SendResponse(SipResponseFactory.Create(request, 500, "CSeq Out Of Order"));
            return;
        }

        var status = request.Method == SipMethods.Invite ? 488 : 200;
        transaction.SendResponse(SipResponseFactory.Create(request, status));
        if (request.Method == SipMethods.Bye)
        {
            End(call, SipCallEndReason.RemoteHangup);
        }
    }

    public void Cancel(SipOutboundCall call)
    {
        if (call.State is not (SipOutboundState.Calling or SipOutboundState.Ringing) || call.CancelRequested)
        {
            return;
        }

        call.CancelRequested = true;
        if (call.HasProvisional)
        {
            SendCancel(call);
        }
    }

    public void Hangup(SipOutboundCall call)
    {
        if (call.State == SipOutboundState.Confirmed)
        {
            SendBye(call);
            End(call, SipCallEndReason.LocalHangup);
        }
        else
        {
            Cancel(call);
        }
    }

    private void OnResponse(SipOutboundCall call, SipResponse response)
    {
        if (response.IsProvisional)
        {
            OnProvisional(call, response);
            return;
        }

        if (response.StatusCode is 401 or 407 && !call.CancelRequested && call.State != SipOutboundState.Ended)
        {
            if (call.Authentication.TryAnswer(response, call.Invite) is { } credentials)
            {
                Resend(call, credentials);
                return;
            }

            call.AuthenticationFailure = call.Authentication.Refusal;
            _log.Warning($"outbound call {call.CallId}: {response.StatusCode}: {call.Authentication.Refusal}");
        }

        if (!response.IsSuccess)
        {
            call.Complete(new SipOutboundOutcome(response.StatusCode, response.ReasonPhrase));
            End(call, call.CancelRequested ? SipCallEndReason.Cancelled : SipCallEndReason.Rejected);
            return;
        }

        if (call.Dialog is not null)
        {
            return;
        }

        call.Dialog = SipDialog.CreateUac(call.Invite, response, _local.Contact(call.Destination.Transport));
        call.Ack = BuildAck(call);
        _context.Sender.SendRequest(call.Ack, call.Destination);
        if (SdpOf(response) is { } sdp)
        {
            call.RemoteSdp = sdp;
        }

        call.State = SipOutboundState.Confirmed;
        call.Complete(new SipOutboundOutcome(response.StatusCode, response.ReasonPhrase));
        if (call.CancelRequested)
        {
            // The 2xx crossed our CANCEL: the call is up, so end it with a BYE (§9.1).
            SendBye(call);
            End(call, SipCallEndReason.Cancelled);
        }
    }

    private void OnProvisional(SipOutboundCall call, SipResponse response)
    {
        call.HasProvisional = true;
        if (call.CancelRequested)
        {
            SendCancel(call);
        }

        if (response.StatusCode == 100 || call.State is not (SipOutboundState.Calling or SipOutboundState.Ringing))
        {
            return;
        }

        call.State = SipOutboundState.Ringing;
        var early = response.To?.Tag is not null ? SdpOf(response) : null; // early media needs an early dialog (RFC 3261 §13.2.2.1)
        if (early is not null)
        {
            call.RemoteSdp = early;
        }

        call.RaiseProgress(new SipOutboundProgress(response.StatusCode, response.ReasonPhrase, early));
    }

    /// <summary>
    /// Retries the INVITE with credentials (RFC 3261 §22.2): same Call-ID, From tag and To, CSeq + 1, a new branch,
    /// the credentials header replacing any earlier one of that name. The 401/407 was ACKed by its transaction.
    /// </summary>
    private void Resend(SipOutboundCall call, SipHeader credentials)
    {
        var previous = call.Invite;
        var retry = new SipRequest(SipMethods.Invite, previous.RequestUri);
        foreach (var header in previous.Headers)
        {
            if (header.Name == SipHeaderNames.Via || header.Name == SipHeaderNames.CSeq || header.Name == credentials.Name)
            {
                continue;
            }

            retry.Headers.Add(header.Name, header.Value);
        }

        retry.Headers.AddFirst(SipHeaderNames.Via, _local.Via(call.Destination.Transport, SipIds.NewBranch()).ToString());
        retry.Headers.Add(SipHeaderNames.CSeq, new CSeqHeader(previous.CSeq!.Value.Number + 1, SipMethods.Invite).ToString());
        retry.Headers.Add(credentials.Name, credentials.Value);
        retry.Body = previous.Body;
        call.Invite = retry;
        call.HasProvisional = false;
        _log.Info($"outbound call {call.CallId}: challenged, retrying with credentials");
        Send(call);
    }

    private static SessionDescription? SdpOf(SipResponse response) =>
        response.Body.Length > 0 && SessionDescription.Parse(response.Body) is { IsSuccess: true } sdp ? sdp.Value : null;

    private void OnTimeout(SipOutboundCall call)
    {
        call.Complete(new SipOutboundOutcome(408, SipReasonPhrases.For(408)));
        End(call, SipCallEndReason.Rejected);
    }

    /// <summary>ACK for a 2xx (§13.2.2.4): a new transaction, the INVITE's CSeq number, the dialog's target and routes.</summary>
    private SipRequest BuildAck(SipOutboundCall call)
    {
        var ack = call.Dialog!.CreateRequest(SipMethods.Ack);
        ack.Headers.Set(SipHeaderNames.CSeq, new CSeqHeader(call.Invite.CSeq!.Value.Number, SipMethods.Ack).ToString());
        ack.Headers.AddFirst(SipHeaderNames.Via, _local.Via(call.Destination.Transport, SipIds.NewBranch()).ToString());
        return ack;
    }

    /// <summary>CANCEL (§9.1): same Request-URI, Call-ID, From, To, CSeq number and top Via as the INVITE.</summary>
    private void SendCancel(SipOutboundCall call)
    {
        var cancel = new SipRequest(SipMethods.Cancel, call.Invite.RequestUri);
        cancel.Headers.Add(SipHeaderNames.Via, call.Invite.Headers.GetValues(SipHeaderNames.Via)[0]);
        cancel.Headers.Add(SipHeaderNames.MaxForwards, "70");
        foreach (var name in new[] { SipHeaderNames.From, SipHeaderNames.To, SipHeaderNames.CallId })
        {
            cancel.Headers.Add(name, call.Invite.Headers.Get(name)!);
        }

        cancel.Headers.Add(SipHeaderNames.CSeq, new CSeqHeader(call.Invite.CSeq!.Value.Number, SipMethods.Cancel).ToString());
        _transactions.SendRequest(cancel, call.Destination, _ => { }, () => _log.Warning($"CANCEL for {call.CallId} timed out"));
    }

    private void SendBye(SipOutboundCall call)
    {
        var bye = call.Dialog!.CreateRequest(SipMethods.Bye);
        bye.Headers.AddFirst(SipHeaderNames.Via, _local.Via(call.Destination.Transport, SipIds.NewBranch()).ToString());
        _transactions.SendRequest(bye, call.Destination, _ => { }, () => _log.Warning($"BYE for {call.CallId} timed out"));
    }

    private void End(SipOutboundCall call, SipCallEndReason reason)
    {
        if (call.State == SipOutboundState.Ended)
        {
            return;
        }

        call.State = SipOutboundState.Ended;
        if (call.Dialog is not null)
        {
            call.Dialog.State = SipDialogState.Terminated;
        }

        // Keep answering retransmitted 2xx with the ACK for a while (§13.2.2.4) before forgetting the call.
        var forget = new TransactionTimer(_context, () => _calls.Remove((call.CallId, call.LocalTag)));
        forget.Start(_context.Timers.TransactionTimeout);
        call.Finish(reason);
    }
}
