using Ivr.Media.Inbound;
using Ivr.Media.Playout;
using Ivr.Sip.UserAgent;
using Ivr.Telephony.Calls;

namespace Ivr.Telephony.Outbound;

/// <summary>
/// A call we placed, with its media (<see cref="MediaLeg"/>: one RTP port from the pool, the receive loop, the media
/// timeout): G.711 out through a stream of the shared <see cref="PlayoutScheduler"/> — audio to play
/// (<see cref="PlayAsync"/>) or generated on the fly (<see cref="Generator"/>, a fax modem), paced every 20 ms like
/// every prompt of the server — decoded audio and RFC 4733 keys in (the <see cref="OutboundCallOptions"/> handlers,
/// early media included), <see cref="Hangup"/>, and <see cref="Ended"/> / <see cref="Completion"/> with the cause:
/// <c>remote</c> (the callee sent BYE), <c>local</c> (we hung up), <c>media_timeout</c> (no RTP for
/// <see cref="TelephonyOptions.MediaTimeout"/> after the answer; we sent BYE), <c>shutdown</c>. Thread-safe.
/// </summary>
public sealed class OutboundCall
{
    private readonly Lock _gate = new();
    private readonly MediaLeg _leg;
    private readonly OutboundCallOptions _handlers;
    private readonly PlayoutScheduler _playout;
    private readonly TimeProvider _time;
    private readonly Action<string> _log;
    private readonly TaskCompletionSource<string> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Dictionary<long, TaskCompletionSource<bool>> _playing = [];
    private InboundMedia? _inbound;
    private PlayoutStream? _stream;
    private AudioGenerator? _generator;
    private SipOutboundCall? _sip;

    internal OutboundCall(string target, IRtpTransport rtp, Action<int> releasePort, OutboundCallOptions handlers, TelephonyOptions options, PlayoutScheduler playout, TimeProvider time, Action<string> log)
    {
        Target = target;
        _handlers = handlers;
        _playout = playout;
        _time = time;
        _log = log;
        _leg = new MediaLeg(rtp, releasePort, time, options.MediaTimeout, $"outbound call to {target}", log);
        _leg.Receive(OnPacket);
    }

    /// <summary>The dialled target as logged (numbers masked).</summary>
    public string Target { get; }

    public string CallId => _sip?.CallId ?? "";

    /// <summary>The audio the two sides settled on (from the 2xx, or from a 183 for early media); null before.</summary>
    public NegotiatedMedia? Media { get; private set; }

    public bool IsAnswered { get; private set; }

    public int RtpPort => _leg.LocalPort;

    public long PacketsReceived => _leg.PacketsReceived;

    public long PacketsSent => _leg.PacketsSent;

    public bool IsClosed => _leg.IsClosed;

    /// <summary>Completes once, with the cause, when the call is over.</summary>
    public Task<string> Completion => _completion.Task;

    /// <summary>Raised once, with the cause, when an answered call ends (on a pool thread).</summary>
    public event Action<string>? Ended;

    /// <summary>
    /// Audio generated on the fly (8 kHz, 160 samples a frame), asked for on the pacing thread every 20 ms whenever
    /// nothing queued by <see cref="PlayAsync"/> plays; null (the default) sends nothing then. It must not call back
    /// into the call. Set it once media is negotiated.
    /// </summary>
    public AudioGenerator? Generator
    {
        get
        {
            lock (_gate) return _generator;
        }
        set
        {
            PlayoutStream? stream;
            lock (_gate)
            {
                _generator = value;
                stream = _stream;
            }

            if (stream is not null) stream.Generator = value;
        }
    }

    /// <summary>
    /// Queues 8 kHz audio behind what plays; true once all of it was sent, false when the call ended first. Throws
    /// <see cref="InvalidOperationException"/> before media is negotiated.
    /// </summary>
    public Task<bool> PlayAsync(ReadOnlyMemory<short> audio)
    {
        var done = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            if (IsClosed) return Task.FromResult(false);
            var stream = _stream ?? throw new InvalidOperationException("no media negotiated yet: nothing to play on");
            _playing[stream.Enqueue(audio)] = done;
        }

        return done.Task;
    }

    /// <summary>Ends the call: BYE when answered (CANCEL before), media released. Reports <c>local</c>.</summary>
    public void Hangup()
    {
        if (!Close("local")) return;
        _sip?.Hangup();
    }

    public override string ToString() => $"outbound call {CallId} to {Target}";

    internal void Attach(SipOutboundCall sip) => _sip = sip;

    /// <summary>A packet relayed in by the B2BUA, already rewritten for this leg.</summary>
    internal bool SendRelayed(ReadOnlySpan<byte> packet) => _leg.Send(packet);

    /// <summary>SDP answer read (early from a 18x, or final from the 2xx): where to send, which law, which event type.</summary>
    internal void Negotiated(NegotiatedMedia media)
    {
        PlayoutStream? replaced = null;
        lock (_gate)
        {
            if (IsClosed) return;
            if (media.Remote is { } remote) _leg.SetRemote(remote);
            if (Media is null || Media.PayloadType != media.PayloadType || Media.Law != media.Law || Media.TelephoneEventPayloadType != media.TelephoneEventPayloadType)
            {
                replaced = _stream;
                _stream = _playout.AddStream(media.Law, new RtpSender((byte)media.PayloadType, _time), packet => _leg.Send(packet), OnPlayed);
                _stream.Generator = _generator;
                Volatile.Write(ref _inbound, new InboundMedia(media.Law, media.TelephoneEventPayloadType, OnKey, onAudio: _handlers.Audio));
            }

            Media = media;
        }

        if (replaced is not null) _playout.RemoveStream(replaced);
    }

    /// <summary>The 2xx was ACKed: from now on silence for <see cref="TelephonyOptions.MediaTimeout"/> ends the call.</summary>
    internal void Answered()
    {
        lock (_gate)
        {
            if (IsClosed) return;
            IsAnswered = true;
        }

        _leg.WatchTimeout(OnMediaTimeout);
    }

    internal void OnSipEnded(SipCallEndReason reason) => Close(reason switch
    {
        SipCallEndReason.RemoteHangup => "remote",
        SipCallEndReason.Shutdown => "shutdown",
        SipCallEndReason.LocalHangup => "local",
        SipCallEndReason.Cancelled => "cancelled",
        _ => "rejected",
    });

    /// <summary>Stops media and returns the port; true for the call that closed it. Raises <see cref="Ended"/> for an answered call.</summary>
    internal bool Close(string cause)
    {
        PlayoutStream? stream;
        bool answered;
        lock (_gate)
        {
            if (!_leg.Close()) return false;
            stream = _stream;
            answered = IsAnswered;
        }

        if (stream is not null) _playout.RemoveStream(stream); // what still plays ends as removed: PlayAsync answers false
        _completion.TrySetResult(cause);
        if (answered && Ended is { } ended) ThreadPool.QueueUserWorkItem(_ => ended(cause));
        return true;
    }

    /// <summary>On the pacing thread: only completes the waiting task (its continuations run elsewhere).</summary>
    private void OnPlayed(PromptCompletion completion)
    {
        TaskCompletionSource<bool>? done;
        lock (_gate) _playing.Remove(completion.PromptId, out done);
        done?.TrySetResult(completion.Reason == PlayoutEndReason.Finished);
    }

    private void OnMediaTimeout()
    {
        _log($"{this}: no RTP for {_leg.MediaTimeout.TotalSeconds:0.#} s; hanging up");
        if (Close("media_timeout")) _sip?.Hangup();
    }

    private void OnKey(DtmfKeyPress key) => _handlers.Key?.Invoke(key);

    private void OnPacket(RtpPacket packet)
    {
        if (_handlers.Relay is { } relay) relay(packet);
        else Volatile.Read(ref _inbound)?.Receive(packet);
    }
}
