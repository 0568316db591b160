using Ivr.Sip.Dialogs;
using Ivr.Sip.Refer;
using Ivr.Sip.Sdp;
using Ivr.Sip.Transport;
using Ivr.Sip.UserAgent.Uas;

namespace Ivr.Sip.UserAgent;

/// <summary>
/// One incoming call (an INVITE dialog on the UAS side): the thread-safe face of its state machine. The handler
/// drives it with <see cref="Ring"/>, <see cref="Answer"/>, <see cref="Reject"/>, <see cref="Refer"/> and
/// <see cref="Hangup"/>; each may be called from any thread and runs on the stack's work queue. Calls that no
/// longer fit the state are ignored (e.g. Answer after CANCEL).
/// </summary>
public sealed class SipCall
{
    private readonly UasInviteSession _session;

    internal SipCall(UasInviteSession session, SessionDescription? offer)
    {
        _session = session;
        RemoteOffer = offer;
    }

    public string CallId => _session.Dialog.Id.CallId;

    public SipDialogId DialogId => _session.Dialog.Id;

    /// <summary>The caller (From of the INVITE).</summary>
    public NameAddress Caller => _session.Dialog.RemoteAddress;

    /// <summary>The called party (To of the INVITE, with our tag).</summary>
    public NameAddress Callee => _session.Dialog.LocalAddress;

    public SipUri RequestUri => _session.RequestUri;

    /// <summary>The value of the INVITE's header <paramref name="name"/> (its first line); null when absent. Read it
    /// when the call arrives (in <see cref="ISipCallHandler.OnIncomingCall"/>): once the INVITE has its final response
    /// (answered, rejected) the INVITE is let go and this throws.</summary>
    public string? InviteHeader(string name) => _session.InviteHeader(name);

    /// <summary>Where the INVITE came from (after NAT): transport and socket address.</summary>
    public SipEndPoint RemoteEndPoint => _session.Transaction.Source;

    /// <summary>The SDP offer of the initial INVITE; null for a late-offer INVITE.</summary>
    public SessionDescription? RemoteOffer { get; }

    /// <summary>The peer's latest SDP: its offer, the answer in its ACK, or a re-INVITE offer.</summary>
    public SessionDescription? RemoteSdp => _session.RemoteSdp;

    public SipCallState State => _session.State switch
    {
        UasInviteState.Incoming => SipCallState.Incoming,
        UasInviteState.Ringing => SipCallState.Ringing,
        UasInviteState.Answered => SipCallState.Answered,
        UasInviteState.Confirmed => SipCallState.Confirmed,
        _ => SipCallState.Ended,
    };

    public SipCallEndReason? EndReason => _session.EndReason;

    /// <summary>How long a REFER waits for its final NOTIFY unless told otherwise.</summary>
    public static readonly TimeSpan DefaultReferTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Sends 180 Ringing.</summary>
    public void Ring() => _session.Post(_session.Ring);

    /// <summary>Sends 200 OK with <paramref name="sdp"/> (our answer, or our offer for a late-offer INVITE).</summary>
    public void Answer(SessionDescription sdp)
    {
        ArgumentNullException.ThrowIfNull(sdp);
        _session.Post(() => _session.Answer(sdp));
    }

    /// <summary>Refuses the unanswered call with a final status (e.g. 486, 488, 603).</summary>
    public void Reject(int statusCode, string? reason = null)
    {
        if (statusCode is < 300 or > 699)
        {
            throw new ArgumentOutOfRangeException(nameof(statusCode), statusCode, "a rejection needs a 3xx-6xx status");
        }

        _session.Post(() => _session.Reject(statusCode, reason, SipCallEndReason.Rejected));
    }

    /// <summary>
    /// Transfers the confirmed call (RFC 3515): REFER within the dialog with Refer-To <paramref name="target"/>,
    /// Referred-By us and <paramref name="extraHeaders"/> (e.g. the call context as X- headers), then follows the
    /// NOTIFY sipfrags until a final status, or <see cref="SipReferResult.Timeout"/> after <paramref name="timeout"/>
    /// (default 30 s) on the stack's clock. The task completes on a pool thread; the call itself is not ended here
    /// (the transferor sends BYE after success, RFC 5589 §6). Header names must be tokens and values single lines.
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

        var subscription = new SipReferSubscription(_session.Context, timeout ?? DefaultReferTimeout);
        _session.Post(() => _session.Refer(target, headers, subscription));
        return subscription.Completion;
    }

    /// <summary>Ends the call: BYE when answered, 480 when not yet answered.</summary>
    public void Hangup() => _session.Post(_session.Hangup);

    /// <summary>Call-ID and state only: caller numbers stay out of logs.</summary>
    public override string ToString() => $"call {CallId} ({State})";
}
