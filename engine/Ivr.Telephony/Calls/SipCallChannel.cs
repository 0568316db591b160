using Ivr.Core.Channel;
using Ivr.Core.Fax;
using Ivr.Media.Inbound;
using Ivr.Media.Playout;
using Ivr.Media.Recording;
using Ivr.Media.Rtp;
using Ivr.Sip.Message;
using Ivr.Sip.Refer;
using Ivr.Telephony.Bridging;
using Ivr.Telephony.Fax;
using Ivr.Telephony.Outbound;
using Ivr.Telephony.Transfers;
using ChannelRecordingResult = Ivr.Core.Channel.RecordingResult;
using MediaRecordingResult = Ivr.Media.Recording.RecordingResult;

namespace Ivr.Telephony.Calls;

/// <summary>
/// One answered SIP call as the flow engine sees it (<see cref="ICallChannel"/>): prompts go out as paced
/// G.711 RTP through a <see cref="PlayoutStream"/>; received RTP goes through <see cref="InboundMedia"/>
/// (RFC 4733 events, in-band DTMF, recording); keys, completions and hang-up come back through a
/// <see cref="CallInputQueue"/>. A new <see cref="Play"/> replaces the playback in progress. Commands may come from any thread. Transfer sends a REFER (RFC 3515) to
/// the queue's URI in <see cref="TelephonyOptions.TransferTargets"/> with the context as X-Ivr-* headers and
/// reports its outcome; after success the IVR leg ends with a BYE, as a transferor does (RFC 5589 §6).
/// </summary>
public sealed class SipCallChannel : ICallChannel, IBridgeLeg
{
    private static readonly short[] BeepSamples = Tone.Beep();

    private readonly object _gate = new();
    private readonly string _callId;
    private readonly RtpEndpoint _rtp;
    private readonly PlayoutScheduler _scheduler;
    private readonly PlayoutStream _stream;
    private readonly InboundMedia _inbound;
    private readonly TelephonyOptions _options;
    private readonly Action _sendBye;
    private readonly ReferTransfer _transfer;
    private readonly Action<int> _releasePort;
    private readonly Action<string> _log;
    private readonly CallInputQueue _input;
    private readonly PlaybackTracker _playbacks = new();
    private readonly MediaTimeoutWatch _timeout;
    private readonly CancellationTokenSource _receiving = new();
    private readonly LineFax _fax;
    private RecordingSlot? _recording;
    private int _recordings;
    private bool _closed;
    private RtpPacketHandler? _relay;
    private bool _bridged;

    internal SipCallChannel(
        string callId, NegotiatedMedia media, RtpEndpoint rtp, PlayoutScheduler scheduler, TelephonyOptions options,
        Action sendBye, Func<SipUri, IReadOnlyList<SipHeader>, TimeSpan, Task<SipReferOutcome>> refer, Action<int> releasePort,
        TimeProvider time, Action<string> log, OutboundDialer? dialer = null)
    {
        _callId = callId;
        _rtp = rtp;
        _scheduler = scheduler;
        _options = options;
        _sendBye = sendBye;
        _releasePort = releasePort;
        _log = log;
        _input = new CallInputQueue(log);
        _transfer = new ReferTransfer(callId, options.TransferTargets, refer, r => _input.Post(i => i.TransferFinished(r)), () => Hangup("transferred"), log,
            dialer is null ? null : (target, headers, ringTimeout) => new BridgeTransfer(this, dialer, log).RunAsync(target, headers, ringTimeout));
        Media = media;
        if (media.Remote is { } remote) rtp.SetRemote(remote);
        _stream = scheduler.AddStream(media.Law, new RtpSender((byte)media.PayloadType, time), SendUnlessHeld, OnPromptCompleted);
        _inbound = new InboundMedia(media.Law, media.TelephoneEventPayloadType, OnKey);
        _fax = new LineFax(callId, _stream, _inbound, options.Fax, (id, result) => _input.Post(i => i.FaxFinished(id, result)), log);
        _timeout = new MediaTimeoutWatch(time, options.MediaTimeout, OnMediaTimeout);
        _timeout.SetHold(media.IsHold);
        _ = ReceiveAsync();
    }

    public string CallId => _callId;

    public NegotiatedMedia Media { get; private set; }

    public int RtpPort => _rtp.LocalEndPoint.Port;

    public InboundMedia Inbound => _inbound;

    public PlayoutStream Outbound => _stream;

    public bool IsClosed
    {
        get
        {
            lock (_gate) return _closed;
        }
    }

    /// <summary>Why the call ended from this side (<see cref="Hangup"/>'s cause or <c>media_timeout</c>); null otherwise.</summary>
    public string? LocalHangupCause { get; private set; }

    /// <summary>Connects the flow's input; reports made before wait for it.</summary>
    public void Attach(ICallInput input) => _input.Attach(input);

    public void Play(PlayRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        lock (_gate)
        {
            if (_closed) return;
            if (request.Prompts.Count > 0)
            {
                if (_stream.IsPlaying) _stream.Stop(); // a new playback replaces the current one (reported interrupted), as in a simulated call
                var ids = new List<long>(request.Prompts.Count);
                foreach (var prompt in request.Prompts)
                {
                    var samples = PromptAudio.Of(prompt, _options.RecordingsFolder, out var problem);
                    if (problem is not null) _log($"call {_callId}: {problem}; playing nothing for it");
                    ids.Add(_stream.Enqueue(samples));
                }

                _playbacks.Add(request.PlaybackId, ids);
                return;
            }
        }

        _input.Post(i => i.PlaybackFinished(request.PlaybackId, false));
    }

    /// <summary>Takes effect on the next 20 ms tick; the playback is reported as interrupted.</summary>
    public void StopPlayback()
    {
        lock (_gate)
        {
            if (!_closed) _stream.Stop();
        }
    }

    public void StartRecording(RecordRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        lock (_gate)
        {
            if (_closed) return;
            if (_recording is not null)
            {
                _log($"call {_callId}: a recording is already running; the new request is refused");
                _input.Post(i => i.RecordingFinished(new ChannelRecordingResult(null, TimeSpan.Zero, "error")));
                return;
            }

            var slot = new RecordingSlot(request, ++_recordings);
            _recording = slot;
            if (request.Beep) slot.BeepPromptId = _stream.Enqueue(BeepSamples);
            else StartRecorder(slot);
        }
    }

    /// <summary>
    /// REFER to the queue's URI (see <see cref="ReferTransfer"/>); reports <c>answered</c>, <c>busy</c>,
    /// <c>no_answer</c>, <c>rejected</c>, <c>not_supported</c>, <c>timeout</c>, <c>no_queue</c> or <c>in_progress</c>.
    /// </summary>
    public void Transfer(TransferRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (IsClosed) return;
        _transfer.Start(request);
    }

    /// <summary>
    /// Fax on the caller's line (see <see cref="LineFax"/>): prompts stop, the media carries T.30 until phase E,
    /// then <c>FaxFinished</c> reports the outcome, pages and T.30 code; <see cref="FaxOutcome.Unavailable"/> without spandsp.
    /// </summary>
    public void SendFax(FaxRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (IsClosed) return;
        _fax.Start(request);
    }

    /// <summary>Ends the call from our side: BYE, media stopped, port released. No HungUp is reported. Ignored once the
    /// call was bridged to an agent: the flow is done with it, and the bridge ends it when either party hangs up.</summary>
    public void Hangup(string cause)
    {
        lock (_gate)
        {
            if (_bridged) return;
        }

        EndLeg(cause);
    }

    private void EndLeg(string cause)
    {
        lock (_gate)
        {
            if (_closed) return;
            LocalHangupCause = cause;
        }

        Close(reportCause: null); // media first, so the SIP side's end finds the channel closed
        _sendBye();
    }

    /// <summary>The SIP side ended (BYE, CANCEL, timeout, shutdown): reports HungUp with <paramref name="cause"/> unless we ended it.</summary>
    internal void OnSipEnded(string cause) => Close(reportCause: cause);

    /// <summary>A SIP INFO (application/dtmf-relay or application/dtmf) body; returns why it was not a key, or null.</summary>
    internal string? ReceiveSipInfo(string? contentType, string? body) => IsClosed ? null : _inbound.ReceiveSipInfo(contentType, body);

    /// <summary>A re-INVITE moved the remote media or (un)held the call.</summary>
    internal void Update(NegotiatedMedia media)
    {
        var moved = media.Remote is { } remote && !remote.Equals(Media.Remote);
        Media = Media with { Remote = media.Remote ?? Media.Remote, IsHold = media.IsHold };
        if (moved)
        {
            _rtp.SetRemote(media.Remote!);
            _rtp.Latch.Reset();
        }

        _timeout.SetHold(media.IsHold);
    }

    private void OnMediaTimeout()
    {
        lock (_gate)
        {
            if (_closed) return;
            LocalHangupCause = "media_timeout";
        }

        _log($"call {_callId}: no RTP for {_options.MediaTimeout.TotalSeconds:0.#} s; hanging up");
        Close(reportCause: "media_timeout");
        _sendBye();
    }

    private void Close(string? reportCause)
    {
        RecordingSlot? recording;
        lock (_gate)
        {
            if (_closed) return;
            _closed = true;
            recording = _recording;
            if (_bridged) reportCause = null; // the flow handed the call to the bridge: its end is not the flow's
        }

        _timeout.Dispose();
        _scheduler.RemoveStream(_stream);
        _receiving.Cancel();
        if (recording?.Recorder is { } recorder) recorder.Stop(); // reports the recording as ended by hang-up
        else if (recording is not null) FinishRecording(recording, null);
        _fax.CallEnded(reportCause ?? LocalHangupCause ?? "hangup"); // reported before the hang-up
        if (reportCause is not null) _input.Post(i => i.HungUp(reportCause));
        _rtp.Dispose();
        _releasePort(_rtp.LocalEndPoint.Port);
        _bridgeClosed?.Invoke();
    }

    private async Task ReceiveAsync()
    {
        try
        {
            await _rtp.ReceiveAsync(OnPacket, _receiving.Token).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            _log($"call {_callId}: RTP receive stopped: {ex.GetType().Name}: {ex.Message}");
        }
    }

    /// <summary>On hold our answer is recvonly or inactive (RFC 3264 §6.1): prompts run on but nothing is sent.</summary>
    private void SendUnlessHeld(ReadOnlySpan<byte> packet)
    {
        if (!Media.IsHold) _rtp.Send(packet);
    }

    private void OnPacket(RtpPacket packet)
    {
        _timeout.Activity();
        if (Volatile.Read(ref _relay) is { } relay) relay(packet);
        else _inbound.Receive(packet);
    }

    private void OnKey(DtmfKeyPress key)
    {
        Recorder? stopRecorder = null;
        lock (_gate)
        {
            if (_closed) return;
            if (_recording is { } slot && slot.IsEndKey(key.Key))
            {
                if (slot.Recorder is { } recorder) stopRecorder = recorder;
                else
                {
                    _recording = null; // pressed during the beep: nothing recorded
                    _stream.Stop();
                    _input.Post(i => i.RecordingFinished(new ChannelRecordingResult(null, TimeSpan.Zero, "key")));
                    return;
                }
            }
        }

        if (stopRecorder is not null) stopRecorder.StopByKey(key.Key); // the end key is the channel's, not the flow's
        else _input.Post(i => i.Digit(key.Key));
    }

    private void OnPromptCompleted(PromptCompletion completion)
    {
        (int PlaybackId, bool Interrupted)? report;
        lock (_gate)
        {
            if (_recording is { } slot && slot.BeepPromptId == completion.PromptId)
            {
                slot.BeepPromptId = null;
                if (completion.Reason != PlayoutEndReason.Removed && !_closed) StartRecorder(slot);
                return;
            }

            report = _playbacks.Complete(completion.PromptId, completion.Reason);
        }

        if (report is { } r) _input.Post(i => i.PlaybackFinished(r.PlaybackId, r.Interrupted));
    }

    /// <summary>Called with the lock held.</summary>
    private void StartRecorder(RecordingSlot slot)
    {
        var max = slot.Request.MaxLength <= TimeSpan.Zero || slot.Request.MaxLength > _options.MaxRecordingLength ? _options.MaxRecordingLength : slot.Request.MaxLength;
        var silence = slot.Request.Silence < TimeSpan.Zero ? TimeSpan.Zero : slot.Request.Silence;
        var recorder = new Recorder(new RecorderOptions { MaxLength = max, SilenceTimeout = silence }, result => FinishRecording(slot, result));
        slot.Recorder = recorder;
        _inbound.Recorder = recorder;
    }

    /// <summary>The recorder ended (or the call ended during the beep): save off the media threads, then report.</summary>
    private void FinishRecording(RecordingSlot slot, MediaRecordingResult? result)
    {
        lock (_gate)
        {
            if (_recording == slot) _recording = null;
            if (_inbound.Recorder == slot.Recorder) _inbound.Recorder = null;
        }

        _input.Post(input => input.RecordingFinished(RecordingFiles.Save(slot, result, _callId, _options.RecordingsFolder, _log)));
    }

    // The caller's leg as a bridge sees it (B2BUA transfer fallback, see Bridging/).
    private event Action? _bridgeClosed;

    event Action? IBridgeLeg.Closed
    {
        add => _bridgeClosed += value;
        remove => _bridgeClosed -= value;
    }

    void IBridgeLeg.SetRelay(RtpPacketHandler? relay) => Volatile.Write(ref _relay, relay);

    bool IBridgeLeg.SendRelayed(ReadOnlySpan<byte> packet) => !IsClosed && !Media.IsHold && _rtp.Send(packet);

    void IBridgeLeg.StartRingback()
    {
        lock (_gate)
        {
            if (_closed) return;
            foreach (var cycle in Ringback.For(_options.TransferTargets?.BridgeRingTimeout ?? TimeSpan.FromSeconds(30))) _stream.Enqueue(cycle);
        }
    }

    void IBridgeLeg.StopRingback() => StopPlayback();

    void IBridgeLeg.Hangup(string cause) => EndLeg(cause);

    void IBridgeLeg.MarkBridged()
    {
        lock (_gate) _bridged = true;
    }
}
