using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Ivr.Core.Channel;
using Ivr.Core.Privacy;
using Ivr.Media.Playout;
using Ivr.Sip.Sdp;
using Ivr.Sip.UserAgent;
using Ivr.Telephony.Calls;
using Ivr.Telephony.Ports;

namespace Ivr.Telephony;

/// <summary>
/// Turns SIP calls into flow calls. At INVITE: asks the host whether the dialled number is served (404 when
/// not), binds an RTP port (503 when none is free), answers the SDP offer (RFC 3264; 488 when no G.711 codec
/// matches) or makes an offer for a late-offer INVITE, then rings and answers. At ACK: builds a
/// <see cref="SipCallChannel"/> and starts the flow through <c>startCall</c> (BYE when it returns null). At
/// BYE/CANCEL/timeout: reports HungUp to the flow and releases the media. Re-INVITEs (hold, resume, new
/// address) are answered keeping our port and codec. Caller numbers are masked in every log line. Built with the
/// SIP stack's <see cref="SipCaller"/> (<c>SipStack.Start(options, caller => new TelephonyServer(…, caller))</c>) it
/// also owns the <see cref="Dialer"/> for outbound calls, so refused REFERs bridge.
/// </summary>
public sealed class TelephonyServer : ISipCallHandler
{
    private readonly TelephonyOptions _options;
    private readonly PlayoutScheduler _scheduler;
    private readonly Func<IncomingCall, ICallChannel, ICallInput?> _startCall;
    private readonly Func<string, bool> _canAnswer;
    private readonly TimeProvider _time;
    private readonly Action<string> _log;
    private readonly RtpPortPool _ports;
    private readonly Action<int> _releasePort; // every call's media leg is given this one (not a delegate per call)
    private readonly ConcurrentDictionary<SipCall, CallLeg> _calls = new();
    private long _callsStarted;

    /// <param name="startCall">Starts the flow for a confirmed call; null when no flow answers (the call is then hung up).</param>
    /// <param name="canAnswer">Whether a flow serves the dialled number; asked at INVITE time (404 when false). Null: every number.</param>
    /// <param name="caller">The SIP stack's calling side: with it the server has a <see cref="Dialer"/> (bridged transfers,
    /// faxes) on the same RTP ports and pacing thread; without it transfers only REFER.</param>
    public TelephonyServer(
        TelephonyOptions options, PlayoutScheduler scheduler, Func<IncomingCall, ICallChannel, ICallInput?> startCall,
        Func<string, bool>? canAnswer = null, TimeProvider? time = null, Action<string>? log = null, SipCaller? caller = null)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _scheduler = scheduler ?? throw new ArgumentNullException(nameof(scheduler));
        _startCall = startCall ?? throw new ArgumentNullException(nameof(startCall));
        _canAnswer = canAnswer ?? (_ => true);
        _time = time ?? TimeProvider.System;
        _log = log ?? (_ => { });
        if (options.MediaTimeout <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(options), options.MediaTimeout, "MediaTimeout must be positive");
        _ports = new RtpPortPool(options.RtpPortMin, options.RtpPortMax);
        _releasePort = _ports.Release;
        Dialer = caller is null ? null : new Outbound.OutboundDialer(caller, options, _ports, _time, _log, scheduler);
    }

    /// <summary>Calls between INVITE and their end.</summary>
    public int ActiveCalls => _calls.Count;

    /// <summary>Calls handed to the flow engine since start.</summary>
    public long CallsStarted => Interlocked.Read(ref _callsStarted);

    public RtpPortPool Ports => _ports;

    /// <summary>The scheduler that paces every call's audio; give it to an <see cref="Outbound.OutboundDialer"/> too.</summary>
    public PlayoutScheduler Playout => _scheduler;

    public TelephonyOptions Options => _options;

    /// <summary>Outbound calls on this server's RTP ports and pacing thread; null when built without a <see cref="SipCaller"/>.</summary>
    public Outbound.OutboundDialer? Dialer { get; }

    public void OnIncomingCall(SipCall call)
    {
        var info = CallAddressing.Read(call);
        var who = Describe(info);
        if (!_canAnswer(info.Dialled))
        {
            _log($"{who}: no flow serves this number; 404");
            call.Reject(404, "No Service On This Number");
            return;
        }

        var rtp = _ports.Open(_options.RtpBindAddress);
        if (rtp is null)
        {
            _log($"{who}: no free RTP port ({_ports.Capacity} in use); 503");
            call.Reject(503, "No Media Resources");
            return;
        }

        rtp.Latch.Restrict(_options.SymmetricRtp ? call.RemoteEndPoint.EndPoint.Address : null); // before anything can arrive
        var local = SrtpKeying.WithPolicy(new SdpLocalMedia(_options.MediaAddress, rtp.LocalEndPoint.Port) { SessionId = NewSessionId() }, _options.Srtp);
        var leg = new CallLeg(call, info, rtp, local, _time.GetTimestamp());
        SessionDescription sdp;
        if (call.RemoteOffer is { } offer)
        {
            var negotiation = SdpOfferAnswer.Answer(offer, local);
            if (NegotiatedMedia.From(negotiation) is not { } media)
            {
                _log($"{who}: {negotiation.Error}; 488");
                ReleaseMedia(rtp);
                call.Reject(488);
                return;
            }

            leg.Media = media;
            SrtpKeying.Apply(rtp, media);
            sdp = negotiation.Answer!;
        }
        else
        {
            sdp = SdpOfferAnswer.CreateOffer(local); // late offer: the answer comes in the ACK (RFC 3261 §13.2.1)
        }

        _calls[call] = leg;
        call.Ring();
        call.Answer(sdp);
    }

    public void OnCallConfirmed(SipCall call)
    {
        if (!_calls.TryGetValue(call, out var leg)) return;
        var media = leg.Media;
        if (media is null)
        {
            media = call.RemoteSdp is { } answer ? NegotiatedMedia.From(SdpOfferAnswer.ReadAnswer(answer, leg.NextLocal())) : null;
            if (media is null)
            {
                _log($"{Describe(leg.Info)}: the ACK brought no usable SDP answer; hanging up");
                call.Hangup();
                return;
            }

            leg.Media = media;
            SrtpKeying.Apply(leg.Rtp, media);
        }

        var channel = OpenChannel(leg, media, new CallSignalling(call.Hangup, (target, headers, timeout) => call.Refer(target, headers, timeout), Dialer));
        leg.Channel = channel;
        _log($"{Describe(leg.Info)}: answered ({media.CodecName}{(media.TelephoneEventPayloadType is { } te ? $", telephone-event {te}" : ", in-band DTMF")}{(media.Srtp is { } srtp ? $", {srtp}" : "")}, RTP port {channel.RtpPort})");
        ThreadPool.UnsafeQueueUserWorkItem(static s => s.Server.StartFlow(s.Leg, s.Channel), (Server: this, Leg: leg, Channel: channel), preferLocal: false);
    }

    public SessionDescription? OnReinvite(SipCall call, SessionDescription? offer)
    {
        if (!_calls.TryGetValue(call, out var leg)) return null;
        var current = leg.Media;
        var local = leg.NextLocal(current is null ? null : [(int)current.Law]);
        if (offer is null) return SdpOfferAnswer.CreateOffer(local);
        var negotiation = SdpOfferAnswer.Answer(offer, local);
        if (NegotiatedMedia.From(negotiation) is not { } media)
        {
            _log($"{Describe(leg.Info)}: re-INVITE refused: {negotiation.Error}");
            return null;
        }

        if (SrtpKeying.Renegotiate(leg.Rtp, media) is { } refusal)
        {
            _log($"{Describe(leg.Info)}: re-INVITE refused: {refusal}");
            return null;
        }

        _log($"{Describe(leg.Info)}: re-INVITE{(media.IsHold ? " (hold)" : "")}");
        if (leg.Channel is { } channel) channel.Update(media);
        else leg.Media = media;
        return negotiation.Answer;
    }

    public void OnInfo(SipCall call, string? contentType, ReadOnlyMemory<byte> body)
    {
        if (!_calls.TryGetValue(call, out var leg) || leg.Channel is not { } channel) return;
        if (channel.ReceiveSipInfo(contentType, Encoding.UTF8.GetString(body.Span)) is not null)
            _log($"{Describe(leg.Info)}: INFO ({contentType ?? "no body type"}) carried no key; ignored"); // the body is not logged: it may hold digits
    }

    public void OnCallEnded(SipCall call, SipCallEndReason reason)
    {
        if (!_calls.TryRemove(call, out var leg)) return;
        var elapsed = _time.GetElapsedTime(leg.StartedTimestamp);
        if (leg.Channel is { } channel)
        {
            channel.OnSipEnded(CauseOf(reason));
            _log($"{Describe(leg.Info)}: ended after {elapsed.TotalSeconds:0.0} s ({channel.LocalHangupCause ?? CauseOf(reason)})");
        }
        else
        {
            ReleaseMedia(leg.Rtp);
            _log($"{Describe(leg.Info)}: ended before it was answered ({CauseOf(reason)})");
        }
    }

    /// <summary>The <see cref="ICallInput.HungUp"/> cause for a SIP ending.</summary>
    public static string CauseOf(SipCallEndReason reason) => reason switch
    {
        SipCallEndReason.RemoteHangup => "caller",
        SipCallEndReason.Cancelled => "cancelled",
        SipCallEndReason.AckTimeout => "ack_timeout",
        SipCallEndReason.Shutdown => "shutdown",
        SipCallEndReason.LocalHangup => "local",
        _ => "rejected",
    };

    private void StartFlow(CallLeg leg, SipCallChannel channel)
    {
        if (channel.IsClosed) return;
        ICallInput? input;
        try
        {
            input = _startCall(leg.Info, channel);
        }
        catch (Exception ex)
        {
            _log($"{Describe(leg.Info)}: starting the flow failed: {ex.GetType().Name}: {ex.Message}");
            input = null;
        }

        if (input is null)
        {
            _log($"{Describe(leg.Info)}: no flow answers; hanging up");
            channel.Hangup("no_route");
            return;
        }

        Interlocked.Increment(ref _callsStarted);
        channel.Attach(input);
    }

    /// <summary>The call's parts over its RTP port, driven from one serial queue fed by its event thread
    /// (<see cref="TelephonyOptions.Events"/>; the thread pool without).</summary>
    private SipCallChannel OpenChannel(CallLeg leg, NegotiatedMedia media, CallSignalling sip)
    {
        var call = new CallContext(leg.Info.CallId, _options, _time, _log, lane: _options.Events?.NextLane());
        var rtp = new RtpEndpointTransport(leg.Rtp, _options.SymmetricRtp ? leg.Call.RemoteEndPoint.EndPoint.Address : null);
        var mediaLeg = new MediaLeg(rtp, _releasePort, _time, _options.MediaTimeout, $"call {leg.Info.CallId}", _log);
        return new SipCallChannel(call, media, mediaLeg, new CallParts(call, media, mediaLeg, _scheduler), sip);
    }

    private void ReleaseMedia(RtpEndpoint rtp)
    {
        rtp.Dispose();
        _ports.Release(rtp.LocalEndPoint.Port);
    }

    private static string Describe(IncomingCall info) => $"call {info.CallId} from {Mask.Phone(info.Caller)} to {info.Dialled}";

    private static long NewSessionId() => RandomNumberGenerator.GetInt32(1, int.MaxValue);
}
