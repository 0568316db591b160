using Ivr.Sip.Dialogs;
using Ivr.Sip.Message;
using Ivr.Sip.Refer;
using Ivr.Sip.Sdp;
using Ivr.Sip.Transactions;
using Ivr.Sip.Transport;

namespace Ivr.Sip.UserAgent;

/// <summary>
/// One incoming call (an INVITE dialog on the UAS side). The handler drives it with <see cref="Ring"/>,
/// <see cref="Answer"/>, <see cref="Reject"/> and <see cref="Hangup"/>; each may be called from any thread and
/// runs on the stack's work queue. Calls that no longer fit the state are ignored (e.g. Answer after CANCEL).
/// </summary>
public sealed class SipCall
{
    private readonly SipCallController _agent;

    internal SipCall(SipCallController agent, SipDialog dialog, SipRequest invite, InviteServerTransaction transaction, SessionDescription? offer)
    {
        _agent = agent;
        Dialog = dialog;
        Invite = invite;
        Transaction = transaction;
        RemoteOffer = offer;
        RemoteSdp = offer;
    }

    public string CallId => Dialog.Id.CallId;

    public SipDialogId DialogId => Dialog.Id;

    /// <summary>The caller (From of the INVITE).</summary>
    public NameAddress Caller => Dialog.RemoteAddress;

    /// <summary>The called party (To of the INVITE, with our tag).</summary>
    public NameAddress Callee => Dialog.LocalAddress;

    public SipUri RequestUri => Invite.RequestUri;

    /// <summary>Where the INVITE came from (after NAT): transport and socket address.</summary>
    public SipEndPoint RemoteEndPoint => Transaction.Source;

    /// <summary>The SDP offer of the initial INVITE; null for a late-offer INVITE.</summary>
    public SessionDescription? RemoteOffer { get; }

    /// <summary>The peer's latest SDP: its offer, the answer in its ACK, or a re-INVITE offer.</summary>
    public SessionDescription? RemoteSdp { get; internal set; }

    public SipCallState State { get; internal set; } = SipCallState.Incoming;

    public SipCallEndReason? EndReason { get; internal set; }

    internal SipRequest Invite { get; }

    internal SipDialog Dialog { get; }

    internal InviteServerTransaction Transaction { get; }

    /// <summary>Resends our 2xx (initial or re-INVITE) until the ACK; null when none is pending.</summary>
    internal InviteOkRetransmitter? PendingOk { get; set; }

    /// <summary>Rejects the call when the handler never decides (<see cref="SipUserAgentOptions.AnswerTimeout"/>).</summary>
    internal TransactionTimer? AnswerTimer { get; set; }

    /// <summary>Hung up locally before the ACK came: the BYE goes out once it does (RFC 3261 §15).</summary>
    internal bool ByeAfterAck { get; set; }

    /// <summary>Sends 180 Ringing.</summary>
    public void Ring() => _agent.Post(() => _agent.Ring(this));

    /// <summary>Sends 200 OK with <paramref name="sdp"/> (our answer, or our offer for a late-offer INVITE).</summary>
    public void Answer(SessionDescription sdp)
    {
        ArgumentNullException.ThrowIfNull(sdp);
        _agent.Post(() => _agent.Answer(this, sdp));
    }

    /// <summary>Refuses the unanswered call with a final status (e.g. 486, 488, 603).</summary>
    public void Reject(int statusCode, string? reason = null)
    {
        if (statusCode is < 300 or > 699)
        {
            throw new ArgumentOutOfRangeException(nameof(statusCode), statusCode, "a rejection needs a 3xx-6xx status");
        }

        _agent.Post(() => _agent.Reject(this, statusCode, reason, SipCallEndReason.Rejected));
    }

    /// <summary>The transfer by REFER in progress or last made; routes the refer NOTIFYs.</summary>
    internal SipReferSubscription? PendingRefer { get; set; }

    /// <summary>
    /// Transfers the confirmed call (RFC 3515): REFER within the dialog with Refer-To <paramref name="target"/>,
    /// Referred-By us and <paramref name="extraHeaders"/> (e.g. the call context as X- headers), then follows the
    /// NOTIFY sipfrags until a final status, or <c>timeout</c> after <paramref name="timeout"/> (default 30 s) on the
    /// stack's clock. The task completes on a pool thread; the call itself is not ended here (the transferor
    /// sends BYE after success, RFC 5589 §6). Header names must be tokens and values single lines.
    /// </summary>
    public Task<SipReferOutcome> Refer(SipUri target, IReadOnlyList<SipHeader>? extraHeaders = null, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(target);
        var headers = extraHeaders ?? [];
        foreach (var header in headers)
        {
            if (!SipGrammar.IsToken(header.Name) || header.Value.Any(c => c is '\r' or '\n' or '\0'))
            {
                throw new ArgumentException($"header '{header.Name}' is not a valid single-line SIP header", nameof(extraHeaders));
            }
        }

        var subscription = new SipReferSubscription(_agent.Context, timeout ?? DefaultReferTimeout);
        _agent.Post(() => _agent.Refer(this, target, headers, subscription));
        return subscription.Completion;
    }

    /// <summary>How long a REFER waits for its final NOTIFY unless told otherwise.</summary>
    public static readonly TimeSpan DefaultReferTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Ends the call: BYE when answered, 480 when not yet answered.</summary>
    public void Hangup() => _agent.Post(() => _agent.Hangup(this));

    /// <summary>Call-ID and state only: caller numbers stay out of logs.</summary>
    public override string ToString() => $"call {CallId} ({State})";
}
