using Ivr.Core.Channel;
using Ivr.Core.Fax;
using Ivr.Media.Inbound;
using Ivr.Media.Playout;
using Ivr.Telephony.Bridging;
using Ivr.Telephony.Fax;
using Ivr.Telephony.Transfers;

namespace Ivr.Telephony.Calls;

/// <summary>
/// One answered SIP call as the flow engine sees it (<see cref="ICallChannel"/>): a thin front over the call's
/// parts — its <see cref="MediaLeg"/> (RTP, media timeout, port), <see cref="CallPlayback"/>,
/// <see cref="CallRecording"/>, <see cref="LineFax"/> and <see cref="ReferTransfer"/>. Every command, from any
/// thread, and every event (keys, prompt ends, recorder ends, media timeout, the SIP side's end) goes through the
/// call's one serial queue (<see cref="CallContext"/>) and is handled there to completion, so nothing here takes a
/// lock; reports reach the flow from that queue, in order, never on a media or SIP thread. Transfer sends a REFER (RFC 3515) and after success
/// ends the IVR leg with a BYE, as a transferor does (RFC 5589 §6); it may bridge instead (see Bridging/).
/// </summary>
public sealed partial class SipCallChannel : ICallChannel
{
    private readonly CallContext _call;
    private readonly MediaLeg _leg;
    private readonly CallParts _parts;
    private readonly InboundMedia _inbound; // the parts' own, kept here: each packet reads one object fewer on its way
    private readonly CallSignalling _sip;
    private ReferTransfer? _transfer; // made with the call's first transfer, on its queue: most calls never transfer
    private volatile NegotiatedMedia _media;
    private volatile bool _bridged;

    internal SipCallChannel(CallContext call, NegotiatedMedia media, MediaLeg leg, CallParts parts, CallSignalling sip)
    {
        _call = call;
        _media = media;
        if (media.Remote is { } remote) leg.SetRemote(remote);
        leg.SetHold(media.IsHold);
        (_leg, _parts, _sip) = (leg, parts, sip);
        _inbound = parts.Inbound;
        leg.WatchTimeout(() => call.Post(OnMediaTimeout));
        leg.Receive(OnPacket);
    }

    public string CallId => _call.CallId;

    public NegotiatedMedia Media => _media;

    public int RtpPort => _leg.LocalPort;

    public InboundMedia Inbound => _parts.Inbound;

    public PlayoutStream Outbound => _parts.Playback.Stream;

    public bool IsClosed => _leg.IsClosed;

    /// <summary>Why the call ended from this side (<see cref="Hangup"/>'s cause or <c>media_timeout</c>); null otherwise.</summary>
    public string? LocalHangupCause { get; private set; }

    /// <summary>Connects the flow's input; reports made before wait for it.</summary>
    public void Attach(ICallInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        _call.Run(() => _call.Reports.Attach(input));
    }

    /// <summary>A new playback replaces the one in progress (reported interrupted).</summary>
    public void Play(PlayRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        _call.Run(new CallWork(static w =>
        {
            var channel = (SipCallChannel)w.Target;
            if (!channel.IsClosed) channel._parts.Playback.Play((PlayRequest)w.Argument!);
        }, this, request)); // a struct with static code: no closure per prompt (issue 13)
    }

    /// <summary>Takes effect on the next 20 ms tick; the playback is reported as interrupted.</summary>
    public void StopPlayback() => _call.Run(new CallWork(static w =>
    {
        var channel = (SipCallChannel)w.Target;
        if (!channel.IsClosed) channel._parts.Playback.Stop();
    }, this));

    public void StartRecording(RecordRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        WhileOpen(() => _parts.Recording.Start(request));
    }

    /// <summary>
    /// REFER to the queue's URI (see <see cref="ReferTransfer"/>); reports <c>answered</c>, <c>busy</c>,
    /// <c>no_answer</c>, <c>rejected</c>, <c>not_supported</c>, <c>timeout</c>, <c>no_queue</c> or <c>in_progress</c>.
    /// </summary>
    public void Transfer(TransferRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        WhileOpen(() => (_transfer ??= NewTransfer()).Start(request));
    }

    private ReferTransfer NewTransfer()
    {
        var call = _call;
        return new ReferTransfer(call.CallId, call.Options.TransferTargets, _sip.Refer, r => call.PostReport(i => i.TransferFinished(r)), () => Hangup("transferred"), call.Log,
            _sip.Dialer is not { } dialer ? null : (target, headers, ringTimeout) => new BridgeTransfer(this, dialer, call.Log).RunAsync(target, headers, ringTimeout),
            call.Options.Handoffs);
    }

    /// <summary>
    /// Fax on the caller's line (see <see cref="LineFax"/>): prompts stop, the media carries T.30 until phase E,
    /// then <c>FaxFinished</c> reports the outcome, pages and T.30 code; <see cref="FaxOutcome.Unavailable"/> without spandsp.
    /// </summary>
    public void SendFax(FaxRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        WhileOpen(() => _parts.Fax.Start(request));
    }

    /// <summary>Ends the call from our side: BYE, media stopped, port released. No HungUp is reported. Ignored once the
    /// call was bridged to an agent: the flow is done with it, and the bridge ends it when either party hangs up.</summary>
    public void Hangup(string cause) => _call.Run(() =>
    {
        if (!_bridged) EndLeg(cause);
    });

    /// <summary>The SIP side ended (BYE, CANCEL, timeout, shutdown): reports HungUp with <paramref name="cause"/> unless we ended it.</summary>
    internal void OnSipEnded(string cause) => _call.Post(() => Close(reportCause: cause));

    /// <summary>A SIP INFO (application/dtmf-relay or application/dtmf) body; returns why it was not a key, or null.</summary>
    internal string? ReceiveSipInfo(string? contentType, string? body) => IsClosed ? null : _parts.Inbound.ReceiveSipInfo(contentType, body);

    /// <summary>A re-INVITE moved the remote media or (un)held the call.</summary>
    internal void Update(NegotiatedMedia media)
    {
        var current = _media;
        if (media.Remote is { } remote && !remote.Equals(current.Remote)) _leg.MoveRemote(remote);
        _media = current with { Remote = media.Remote ?? current.Remote, IsHold = media.IsHold };
        _leg.SetHold(media.IsHold);
    }

    private void WhileOpen(Action command) => _call.Run(() =>
    {
        if (!IsClosed) command();
    });

    private void EndLeg(string cause)
    {
        if (IsClosed) return;
        LocalHangupCause = cause;
        Close(reportCause: null); // media first, so the SIP side's end finds the channel closed
        _sip.SendBye();
    }

    private void OnMediaTimeout()
    {
        if (IsClosed) return;
        LocalHangupCause = "media_timeout";
        _call.Log($"call {CallId}: no RTP for {_leg.MediaTimeout.TotalSeconds:0.#} s; hanging up");
        Close(reportCause: "media_timeout");
        _sip.SendBye();
    }

    private void Close(string? reportCause)
    {
        if (!_leg.Close()) return;
        if (_bridged) reportCause = null; // the flow handed the call to the bridge: its end is not the flow's
        _parts.Playback.Remove();
        _parts.Recording.CallEnded(); // a recorder's end is posted: saved and reported before the hang-up
        _parts.Fax.CallEnded(reportCause ?? LocalHangupCause ?? "hangup"); // so is a fax's
        if (reportCause is not null) _call.PostReport(i => i.HungUp(reportCause));
        _bridgeClosed?.Invoke();
    }

    private void OnPacket(RtpPacket packet)
    {
        if (Volatile.Read(ref _relay) is { } relay) relay(packet);
        else _inbound.Receive(packet);
    }
}
