using Ivr.Sip.Dialogs;
using Ivr.Sip.Sdp;
using Ivr.Sip.Throttling;
using Ivr.Sip.Transactions;
using Ivr.Sip.Transport;
using Ivr.Sip.UserAgent.Uas;

namespace Ivr.Sip.UserAgent;

/// <summary>
/// The UAS core (RFC 3261 §8.2, §12–15): routes each request the transaction layer did not absorb. A new INVITE
/// becomes a <see cref="UasInviteSession"/> (unless over capacity, refused by <see cref="CallAdmission"/> or with
/// malformed SDP); ACK, CANCEL and in-dialog
/// requests go to their session (or outbound call); OPTIONS and strays it answers itself. Runs only on the stack's
/// work queue. While <see cref="Draining"/>, OPTIONS and new INVITEs get 503 with Retry-After (a proxy's dispatcher
/// then takes the node out and sends new calls elsewhere), while every request within a dialog — ACK, BYE,
/// re-INVITE, INFO, NOTIFY of a transfer, CANCEL of a pending INVITE — and outbound calls keep working.
/// </summary>
public sealed class SipUserAgent
{
    private readonly SipTransactionLayer _transactions;
    private readonly UasServices _services;
    private readonly UasSessions _sessions = new();
    private readonly SipOutboundCalls _outbound;
    private volatile bool _draining;
    private readonly CallAdmission _admission;
    private readonly DialogPeers _peers;

    internal SipUserAgent(
        TransactionContext context, SipTransactionLayer transactions, ISipCallHandler handler, SipOutboundCalls outbound,
        SipUserAgentOptions options, SipLocalAddress local, ISipLog log, DialogPeers peers)
    {
        _peers = peers;
        _transactions = transactions;
        _services = new UasServices(context, transactions, new GuardedCallHandler(handler, log), options, local, log);
        _outbound = outbound;
        _admission = new CallAdmission(options.Calls, options.MaxCalls, options.RetryAfterSeconds, options.Proxies, context.Time, log);
    }

    public int ActiveCalls => _sessions.Count;

    /// <summary>Whether new calls and OPTIONS are refused with 503 (the node is being drained).</summary>
    public bool Draining => _draining;

    /// <summary>Starts refusing new calls and OPTIONS with 503; calls in progress go on. Callable from any thread; there is no way back.</summary>
    public void Drain() => _draining = true;

    public IReadOnlyCollection<SipCall> Calls => _sessions.Calls;

    /// <summary>Calls refused by the per-source and per-caller limits since start.</summary>
    public long CallsRefusedByLimits => _admission.Refused;

    /// <summary>Handles a valid request that is not a retransmission.</summary>
    public void OnRequest(SipRequest request, SipEndPoint source)
    {
        if (request.Method == SipMethods.Ack)
        {
            if (_sessions.TryFind(request, out var session))
            {
                session.OnAck(request);
            }

            return;
        }

        var transaction = _transactions.CreateServerTransaction(request, source);
        var rejection = SipRequestScreen.Check(request, source.Transport);
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
            transaction.SendResponse(_draining
                ? Unavailable(request, "Draining")
                : SipCallResponses.ForOptions(request, SipIds.NewTag(), _services.Options.ProductName));
        }
        else
        {
            transaction.SendResponse(SipResponseFactory.Create(request, 481, null, SipIds.NewTag()));
        }
    }

    /// <summary>Ends every call (BYE for answered ones).</summary>
    public void EndAll() => _sessions.ShutdownAll();

    /// <summary>A response that matched no client transaction (e.g. a retransmitted 2xx to our INVITE).</summary>
    public void OnStrayResponse(SipResponse response) => _outbound.OnStrayResponse(response);

    private void OnInvite(SipRequest invite, InviteServerTransaction transaction)
    {
        if (_draining || _sessions.Count >= _services.Options.MaxCalls)
        {
            transaction.SendResponse(Unavailable(invite, _draining ? "Draining" : "Too Many Calls"));
            return;
        }

        if (_admission.TryAdmit(invite, transaction.Source, out var party) is { } refusal)
        {
            transaction.SendResponse(refusal.ToResponse(invite, SipIds.NewTag()));
            return;
        }

        var offer = InviteSdp.Read(invite, transaction);
        if (offer is { IsSuccess: false })
        {
            _admission.Release(party);
            return;
        }

        var sips = invite.RequestUri.Scheme == "sips";
        var dialog = SipDialog.CreateUas(invite, SipIds.NewTag(), _services.Contacts.For(transaction.Source.Transport, sips));
        var remote = transaction.Source.EndPoint;
        var session = new UasInviteSession(_services, dialog, invite, transaction, offer?.Value, ended =>
        {
            _sessions.Remove(ended);
            _admission.Release(party);
            _peers.Remove(remote);
        });
        _sessions.Add(session);
        _peers.Add(remote);
        session.Start();
    }

    /// <summary>503 with Retry-After (§21.5.4, §20.33): try again later, or elsewhere.</summary>
    private SipResponse Unavailable(SipRequest request, string reason)
    {
        var response = SipResponseFactory.Create(request, 503, reason, SipIds.NewTag());
        response.Headers.Add(SipHeaderNames.RetryAfter, _services.Options.RetryAfterSeconds.ToString());
        response.Headers.Add(SipHeaderNames.Server, _services.Options.ProductName);
        return response;
    }

    /// <summary>CANCEL (§9.2): 200 when it matches an INVITE transaction (481 otherwise), then 487 to a still undecided INVITE.</summary>
    private void OnCancel(SipRequest cancel, SipServerTransaction cancelTransaction)
    {
        var invite = _transactions.FindInviteFor(cancel);
        if (invite is null)
        {
            cancelTransaction.SendResponse(SipResponseFactory.Create(cancel, 481, null, SipIds.NewTag()));
            return;
        }

        var session = _sessions.FindByInvite(invite);
        cancelTransaction.SendResponse(SipResponseFactory.Create(cancel, 200, null, session?.Dialog.Id.LocalTag ?? SipIds.NewTag()));
        if (invite.State != ServerTransactionState.Proceeding)
        {
            return;
        }

        if (session is null)
        {
            invite.SendResponse(SipResponseFactory.Create(invite.Request, 487, null, SipIds.NewTag()));
        }
        else
        {
            session.OnCancel();
        }
    }

    private void OnInDialog(SipRequest request, SipServerTransaction transaction)
    {
        if (_sessions.TryFind(request, out var session))
        {
            session.OnRequest(request, transaction);
        }
        else if (_outbound.TryFind(request, out var outbound))
        {
            _outbound.OnInDialog(outbound, request, transaction);
        }
        else
        {
            transaction.SendResponse(SipResponseFactory.Create(request, 481));
        }
    }
}
