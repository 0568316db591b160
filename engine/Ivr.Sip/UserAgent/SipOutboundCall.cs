using Ivr.Sip.Auth;
using Ivr.Sip.Dialogs;
using Ivr.Sip.Sdp;
using Ivr.Sip.Transactions;
using Ivr.Sip.Transport;

namespace Ivr.Sip.UserAgent;

/// <summary>
/// A call we place (UAC, RFC 3261 §13.2): <see cref="Answered"/> completes with the final response,
/// <see cref="Ended"/> when the call is over. <see cref="Cancel"/> and <see cref="Hangup"/> may be called from
/// any thread; they run on the stack's work queue.
/// </summary>
public sealed class SipOutboundCall
{
    private readonly SipOutboundCalls _owner;
    private readonly TaskCompletionSource<SipOutboundOutcome> _answered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<SipCallEndReason> _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);

    internal SipOutboundCall(SipOutboundCalls owner, SipRequest invite, SipEndPoint destination, DigestCredentials? credentials)
    {
        _owner = owner;
        Invite = invite;
        Destination = destination;
        Authentication = new DigestChallengeAnswerer(credentials);
    }

    public string CallId => Invite.CallId!;

    public SipOutboundState State { get; internal set; } = SipOutboundState.Calling;

    /// <summary>The callee's SDP answer: from its 2xx, or until then from a provisional response (early media).</summary>
    public SessionDescription? RemoteSdp { get; internal set; }

    /// <summary>Why a 401/407 ended the call instead of a retry with credentials; null otherwise. Never holds the password.</summary>
    public string? AuthenticationFailure { get; internal set; }

    /// <summary>
    /// Each provisional response above 100 (180, 183…), raised on the stack's work queue: return quickly. One with SDP
    /// means early media: the callee's RTP may flow before the 2xx (RFC 3960).
    /// </summary>
    public event Action<SipOutboundProgress>? Progress;

    public Task<SipOutboundOutcome> Answered => _answered.Task;

    public Task<SipCallEndReason> Ended => _ended.Task;

    /// <summary>The INVITE in flight (replaced by the authenticated retry after a 401/407).</summary>
    internal SipRequest Invite { get; set; }

    internal DigestChallengeAnswerer Authentication { get; }

    internal SipEndPoint Destination { get; }

    internal string LocalTag => Invite.From!.Tag!;

    internal SipDialog? Dialog { get; set; }

    internal SipRequest? Ack { get; set; }

    /// <summary>Whether the INVITE in flight drew any provisional response (100 included): only then may it be cancelled (§9.1).</summary>
    public bool HasProvisional { get; internal set; }

    internal bool CancelRequested { get; set; }

    /// <summary>Abandons the call before it is answered (CANCEL, once a provisional response has arrived).</summary>
    public void Cancel() => _owner.Post(() => _owner.Cancel(this));

    /// <summary>BYE when answered; CANCEL before.</summary>
    public void Hangup() => _owner.Post(() => _owner.Hangup(this));

    public override string ToString() => $"outbound call {CallId} ({State})";

    internal void RaiseProgress(SipOutboundProgress progress) => Progress?.Invoke(progress);

    internal void Complete(SipOutboundOutcome outcome) => _answered.TrySetResult(outcome);

    internal void Finish(SipCallEndReason reason) => _ended.TrySetResult(reason);
}
