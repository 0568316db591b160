using Ivr.Sip.Dialogs;
using Ivr.Sip.Message;
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

    internal SipOutboundCall(SipOutboundCalls owner, SipRequest invite, SipEndPoint destination)
    {
        _owner = owner;
        Invite = invite;
        Destination = destination;
    }

    public string CallId => Invite.CallId!;

    public SipOutboundState State { get; internal set; } = SipOutboundState.Calling;

    /// <summary>The callee's SDP answer from its 2xx.</summary>
    public SessionDescription? RemoteSdp { get; internal set; }

    public Task<SipOutboundOutcome> Answered => _answered.Task;

    public Task<SipCallEndReason> Ended => _ended.Task;

    internal SipRequest Invite { get; }

    internal SipEndPoint Destination { get; }

    internal string LocalTag => Invite.From!.Tag!;

    internal SipDialog? Dialog { get; set; }

    internal SipRequest? Ack { get; set; }

    internal bool HasProvisional { get; set; }

    internal bool CancelRequested { get; set; }

    /// <summary>Abandons the call before it is answered (CANCEL, once a provisional response has arrived).</summary>
    public void Cancel() => _owner.Post(() => _owner.Cancel(this));

    /// <summary>BYE when answered; CANCEL before.</summary>
    public void Hangup() => _owner.Post(() => _owner.Hangup(this));

    public override string ToString() => $"outbound call {CallId} ({State})";

    internal void Complete(SipOutboundOutcome outcome) => _answered.TrySetResult(outcome);

    internal void Finish(SipCallEndReason reason) => _ended.TrySetResult(reason);
}
