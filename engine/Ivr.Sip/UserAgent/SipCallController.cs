using System.Net;
using Ivr.Sip.Dialogs;
using Ivr.Sip.Message;
using Ivr.Sip.Refer;
using Ivr.Sip.Sdp;
using Ivr.Sip.Transactions;
using Ivr.Sip.Transport;

namespace Ivr.Sip.UserAgent;

/// <summary>
/// Drives the life of each <see cref="SipCall"/> after the UAS core accepted its INVITE: provisional and
/// final responses, the 2xx retransmission until ACK (RFC 3261 §13.3.1.4), BYE (§15.1.1), and ending the
/// call exactly once with a handler notification. Holds the registry of live calls by dialog id.
/// </summary>
internal sealed class SipCallController
{
    private readonly TransactionContext _context;
    private readonly SipTransactionLayer _transactions;
    private readonly ISipCallHandler _handler;
    private readonly SipUserAgentOptions _options;
    private readonly SipLocalAddress _local;
    private readonly ISipLog _log;
    private readonly Dictionary<SipDialogId, SipCall> _calls = [];

    public SipCallController(
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

    public int Count => _calls.Count;

    public TransactionContext Context => _context;

    public IReadOnlyCollection<SipCall> Calls => _calls.Values;

    /// <summary>Adds a new call and arms its answer timeout.</summary>
    public void Register(SipCall call)
    {
        _calls[call.Dialog.Id] = call;
        var timer = new TransactionTimer(_context, () => Reject(call, 480, "No Answer", SipCallEndReason.AnswerTimeout));
        timer.Start(_options.AnswerTimeout);
        call.AnswerTimer = timer;
    }

    /// <summary>Ends every call (BYE for answered ones).</summary>
    public void EndAll()
    {
        foreach (var call in _calls.Values.ToList())
        {
            if (call.ByeAfterAck || call.State is SipCallState.Answered or SipCallState.Confirmed)
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

    public void Post(Action action) => _context.Queue.Post(action);

    public void Ring(SipCall call)
    {
        if (call.State is SipCallState.Incoming && call.Transaction.State == ServerTransactionState.Proceeding)
        {
            call.Transaction.SendResponse(Response(call, call.Invite, 180));
            call.State = SipCallState.Ringing;
        }
    }

    public void Answer(SipCall call, SessionDescription sdp)
    {
        if (call.State is not (SipCallState.Incoming or SipCallState.Ringing) || call.Transaction.State != ServerTransactionState.Proceeding)
        {
            _log.Info($"ignoring Answer for {call}");
            return;
        }

        var ok = SipCallResponses.WithSdp(Response(call, call.Invite, 200), sdp);
        call.Transaction.SendResponse(ok);
        call.AnswerTimer?.Stop();
        call.State = SipCallState.Answered;
        call.Dialog.State = SipDialogState.Confirmed;
        StartOkRetransmission(call, ok);
    }

    public void Reject(SipCall call, int statusCode, string? reason, SipCallEndReason endReason)
    {
        if (call.State is SipCallState.Incoming or SipCallState.Ringing && call.Transaction.State == ServerTransactionState.Proceeding)
        {
            call.Transaction.SendResponse(Response(call, call.Invite, statusCode, reason));
            End(call, endReason);
        }
    }

    /// <summary>
    /// Local hangup. Unanswered: 480. Confirmed: BYE now. Answered but not yet ACKed: the callee must not
    /// send BYE before the ACK or the 2xx timeout (RFC 3261 §15), so the call ends for the handler now and
    /// the BYE follows the ACK (or the timeout) while the 200 keeps being retransmitted.
    /// </summary>
    public void Hangup(SipCall call)
    {
        switch (call.State)
        {
            case SipCallState.Incoming or SipCallState.Ringing:
                Reject(call, 480, null, SipCallEndReason.LocalHangup);
                break;
            case SipCallState.Answered:
                call.ByeAfterAck = true;
                MarkEnded(call, SipCallEndReason.LocalHangup);
                break;
            case SipCallState.Confirmed:
                SendBye(call);
                End(call, SipCallEndReason.LocalHangup);
                break;
        }
    }

    public void StartOkRetransmission(SipCall call, SipResponse ok)
    {
        call.PendingOk?.Stop();
        call.PendingOk = new InviteOkRetransmitter(_context, ok, call.RemoteEndPoint, () => OnAckTimeout(call));
        call.PendingOk.Start();
    }

    private void OnAckTimeout(SipCall call)
    {
        if (call.ByeAfterAck || call.State is SipCallState.Answered or SipCallState.Confirmed)
        {
            _log.Warning($"no ACK for the 200 of {call} within 64*T1; sending BYE");
            SendBye(call);
            End(call, SipCallEndReason.AckTimeout);
        }
    }

    /// <summary>Sends the REFER (RFC 3515 §2.4.1) unless the call is not confirmed or another REFER is pending.</summary>
    public void Refer(SipCall call, SipUri target, IReadOnlyList<SipHeader> headers, SipReferSubscription subscription)
    {
        if (call.State != SipCallState.Confirmed)
        {
            subscription.Fail(call.State == SipCallState.Ended ? "call_ended" : "not_confirmed");
            return;
        }

        if (call.PendingRefer is { IsCompleted: false })
        {
            subscription.Fail("in_progress");
            return;
        }

        var refer = call.Dialog.CreateRequest(SipMethods.Refer);
        refer.Headers.AddFirst(SipHeaderNames.Via, _local.Via(call.RemoteEndPoint.Transport, SipIds.NewBranch()).ToString());
        refer.Headers.Add(SipHeaderNames.ReferTo, new NameAddress(target).ToString());
        refer.Headers.Add("Referred-By", new NameAddress(call.Dialog.LocalAddress.Uri).ToString());
        foreach (var header in headers)
        {
            refer.Headers.Add(header.Name, header.Value);
        }

        call.PendingRefer = subscription;
        subscription.Start();
        _transactions.SendRequest(refer, ByeDestination(call), subscription.OnReferResponse, subscription.OnReferTimeout);
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

    /// <summary>Forgets the call (stops its 2xx retransmission) and tells the handler, once.</summary>
    public void End(SipCall call, SipCallEndReason reason)
    {
        call.AnswerTimer?.Stop();
        call.ByeAfterAck = false;
        call.PendingOk?.Stop();
        _calls.Remove(call.Dialog.Id);
        MarkEnded(call, reason);
    }

    /// <summary>The ACK for a 2xx arrived: stop retransmitting; send a BYE deferred by <see cref="Hangup"/>.</summary>
    public void OnAcknowledged(SipCall call)
    {
        call.PendingOk?.Stop();
        call.PendingOk = null;
        if (call.ByeAfterAck)
        {
            SendBye(call);
            End(call, SipCallEndReason.LocalHangup);
        }
    }

    private void MarkEnded(SipCall call, SipCallEndReason reason)
    {
        if (call.State == SipCallState.Ended)
        {
            return;
        }

        call.State = SipCallState.Ended;
        call.EndReason = reason;
        call.PendingRefer?.OnCallEnded();
        call.Dialog.State = SipDialogState.Terminated;
        Notify(call, () => _handler.OnCallEnded(call, reason));
    }

    public SipResponse Response(SipCall call, SipRequest request, int statusCode, string? reason = null) =>
        SipCallResponses.ForCall(request, statusCode, call.Dialog.Id.LocalTag, call.Dialog.LocalContact, _options.ProductName, reason);

    public bool TryFind(SipRequest request, out SipCall call)
    {
        var id = new SipDialogId(request.CallId ?? string.Empty, request.To?.Tag ?? string.Empty, request.From?.Tag ?? string.Empty);
        return _calls.TryGetValue(id, out call!);
    }

    public void Notify(SipCall call, Action callback)
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
