using Ivr.Media.Codecs;
using Ivr.Media.Inbound;
using Ivr.Media.Rtp;
using Ivr.Sip.UserAgent;
using Ivr.Telephony.Calls;

namespace Ivr.Telephony.Outbound;

/// <summary>
/// A call we placed, with its media: one RTP port from the pool, G.711 out (<see cref="SendFrame"/>, 8 kHz linear
/// PCM encoded in the negotiated law), decoded audio and RFC 4733 keys in (the <see cref="OutboundCallOptions"/>
/// handlers, early media included), <see cref="Hangup"/>, and <see cref="Ended"/> / <see cref="Completion"/> with
/// the cause: <c>remote</c> (the callee sent BYE), <c>local</c> (we hung up), <c>media_timeout</c> (no RTP for
/// <see cref="TelephonyOptions.MediaTimeout"/> after the answer; we sent BYE), <c>shutdown</c>. Thread-safe.
/// </summary>
public sealed class OutboundCall
{
    private const int MaxFrameSamples = 480;

    private readonly object _gate = new();
    private readonly RtpEndpoint _rtp;
    private readonly Action<int> _releasePort;
    private readonly OutboundCallOptions _handlers;
    private readonly TelephonyOptions _options;
    private readonly TimeProvider _time;
    private readonly Action<string> _log;
    private readonly byte[] _packet = new byte[RtpHeader.FixedLength + MaxFrameSamples];
    private readonly CancellationTokenSource _receiving = new();
    private readonly TaskCompletionSource<string> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private InboundMedia? _inbound;
    private RtpSender? _sender;
    private MediaTimeoutWatch? _timeout;
    private SipOutboundCall? _sip;
    private bool _closed;
    private long _received;
    private long _sent;

    internal OutboundCall(string target, RtpEndpoint rtp, Action<int> releasePort, OutboundCallOptions handlers, TelephonyOptions options, TimeProvider time, Action<string> log)
    {
        Target = target;
        _rtp = rtp;
        _releasePort = releasePort;
        _handlers = handlers;
        _options = options;
        _time = time;
        _log = log;
        _ = ReceiveAsync();
    }

    /// <summary>The dialled target as logged (numbers masked).</summary>
    public string Target { get; }

    public string CallId => _sip?.CallId ?? "";

    /// <summary>The audio the two sides settled on (from the 2xx, or from a 183 for early media); null before.</summary>
    public NegotiatedMedia? Media { get; private set; }

    public bool IsAnswered { get; private set; }

    public int RtpPort => _rtp.LocalEndPoint.Port;

    public long PacketsReceived => Interlocked.Read(ref _received);

    public long PacketsSent => Interlocked.Read(ref _sent);

    public bool IsClosed
    {
        get
        {
            lock (_gate) return _closed;
        }
    }

    /// <summary>Completes once, with the cause, when the call is over.</summary>
    public Task<string> Completion => _completion.Task;

    /// <summary>Raised once, with the cause, when an answered call ends (on a pool thread).</summary>
    public event Action<string>? Ended;

    /// <summary>
    /// Sends one frame (normally 160 samples = 20 ms; at most 480) as one RTP packet now; pace the calls yourself
    /// or use <see cref="OutboundFramePacer"/>. False before media is negotiated, after the end, or when the
    /// socket refused.
    /// </summary>
    public bool SendFrame(ReadOnlySpan<short> samples)
    {
        if (samples.IsEmpty || samples.Length > MaxFrameSamples)
            throw new ArgumentOutOfRangeException(nameof(samples), samples.Length, $"a frame holds 1..{MaxFrameSamples} samples (160 = 20 ms)");
        lock (_gate)
        {
            if (_closed || _sender is null || Media is null) return false;
            var header = _sender.WriteHeader(_packet, samples.Length);
            G711.Encode(Media.Law, samples, _packet.AsSpan(header, samples.Length));
            if (!_rtp.Send(_packet.AsSpan(0, header + samples.Length))) return false;
        }

        Interlocked.Increment(ref _sent);
        return true;
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
    internal bool SendRelayed(ReadOnlySpan<byte> packet)
    {
        lock (_gate)
        {
            if (_closed || !_rtp.Send(packet)) return false;
        }

        Interlocked.Increment(ref _sent);
        return true;
    }

    /// <summary>SDP answer read (early from a 18x, or final from the 2xx): where to send, which law, which event type.</summary>
    internal void Negotiated(NegotiatedMedia media)
    {
        lock (_gate)
        {
            if (_closed) return;
            if (media.Remote is { } remote) _rtp.SetRemote(remote);
            if (Media is null || Media.PayloadType != media.PayloadType || Media.Law != media.Law || Media.TelephoneEventPayloadType != media.TelephoneEventPayloadType)
            {
                _sender = new RtpSender((byte)media.PayloadType, _time);
                Volatile.Write(ref _inbound, new InboundMedia(media.Law, media.TelephoneEventPayloadType, OnKey, onAudio: _handlers.Audio));
            }

            Media = media;
        }
    }

    /// <summary>The 2xx was ACKed: from now on silence for <see cref="TelephonyOptions.MediaTimeout"/> ends the call.</summary>
    internal void Answered()
    {
        lock (_gate)
        {
            if (_closed) return;
            IsAnswered = true;
            _timeout = new MediaTimeoutWatch(_time, _options.MediaTimeout, OnMediaTimeout);
        }
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
        bool answered;
        lock (_gate)
        {
            if (_closed) return false;
            _closed = true;
            answered = IsAnswered;
        }

        _timeout?.Dispose();
        _receiving.Cancel();
        _rtp.Dispose();
        _releasePort(_rtp.LocalEndPoint.Port);
        _completion.TrySetResult(cause);
        if (answered && Ended is { } ended)
        {
            ThreadPool.QueueUserWorkItem(_ => ended(cause));
        }

        return true;
    }

    private void OnMediaTimeout()
    {
        _log($"{this}: no RTP for {_options.MediaTimeout.TotalSeconds:0.#} s; hanging up");
        if (Close("media_timeout")) _sip?.Hangup();
    }

    private void OnKey(DtmfKeyPress key) => _handlers.Key?.Invoke(key);

    private async Task ReceiveAsync()
    {
        try
        {
            await _rtp.ReceiveAsync(OnPacket, _receiving.Token).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            _log($"{this}: RTP receive stopped: {ex.GetType().Name}: {ex.Message}");
        }
    }

    private void OnPacket(RtpPacket packet)
    {
        Interlocked.Increment(ref _received);
        _timeout?.Activity();
        if (_handlers.Relay is { } relay) relay(packet);
        else Volatile.Read(ref _inbound)?.Receive(packet);
    }
}
