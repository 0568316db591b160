using System.Security.Cryptography;
using Ivr.Media.Playout;
using Ivr.Sip.Message;
using Ivr.Sip.Sdp;
using Ivr.Sip.UserAgent;
using Ivr.Telephony.Calls;
using Ivr.Telephony.Ports;

namespace Ivr.Telephony.Outbound;

/// <summary>
/// Places calls with media (RFC 3261 UAC + RFC 3264 offer/answer): resolves the target (<see cref="OutboundTarget"/>:
/// a number through the <see cref="TrunkOptions">trunk</see>, or a sip: URI directly), binds an RTP port from the
/// shared <see cref="RtpPortPool"/>, offers PCMU/PCMA + telephone-event, answers the trunk's digest challenge,
/// takes early media from a 18x with SDP, gives up ringing after the ring timeout (CANCEL), and returns an
/// <see cref="OutboundDialResult"/>: on answer the connected <see cref="OutboundCall"/>. Numbers are masked in logs.
/// </summary>
public sealed class OutboundDialer
{
    private readonly SipCaller _caller;
    private readonly TelephonyOptions _options;
    private readonly RtpPortPool _ports;
    private readonly TimeProvider _time;
    private readonly Action<string> _log;
    private readonly Lazy<PlayoutScheduler> _playout;

    /// <param name="ports">The pool the inbound side uses too (<see cref="TelephonyServer.Ports"/>), so the two never collide.</param>
    /// <param name="playout">The scheduler that paces the calls' audio: the server's (<see cref="TelephonyServer.Playout"/>),
    /// so one set of pacing threads serves every call; null: one of the dialer's own, started on the first call.</param>
    public OutboundDialer(SipCaller caller, TelephonyOptions options, RtpPortPool ports, TimeProvider? time = null, Action<string>? log = null, PlayoutScheduler? playout = null)
    {
        _caller = caller ?? throw new ArgumentNullException(nameof(caller));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _ports = ports ?? throw new ArgumentNullException(nameof(ports));
        _time = time ?? TimeProvider.System;
        _log = log ?? (_ => { });
        var clock = _time;
        _playout = playout is not null ? new Lazy<PlayoutScheduler>(playout) : new Lazy<PlayoutScheduler>(() => StartedScheduler(clock));
    }

    public TrunkOptions? Trunk => _options.Trunk;

    /// <summary>
    /// Dials <paramref name="target"/> (a number or a sip: URI) and waits for the final answer. Throws
    /// <see cref="ArgumentException"/> for a malformed target and <see cref="InvalidOperationException"/> for a number
    /// when no trunk is configured; every call outcome (busy, no answer, auth failure…) comes back as a value.
    /// Cancelling <paramref name="cancellationToken"/> abandons the attempt (CANCEL; <c>cancelled</c>), not an answered call.
    /// </summary>
    public async Task<OutboundDialResult> DialAsync(string target, OutboundCallOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new OutboundCallOptions();
        var resolved = OutboundTarget.Resolve(target, _options.Trunk, _caller.LocalAddress.Host);
        if (cancellationToken.IsCancellationRequested) return new OutboundDialResult(OutboundOutcome.Cancelled, 0, "cancelled before dialling");
        var rtp = _ports.Open(_options.RtpBindAddress);
        if (rtp is null)
        {
            _log($"dialling {resolved.Display}: no free RTP port ({_ports.Capacity} in use)");
            return new OutboundDialResult(OutboundOutcome.Unreachable, 0, "no free RTP port");
        }

        var local = new SdpLocalMedia(_options.MediaAddress, rtp.LocalEndPoint.Port) { SessionId = RandomNumberGenerator.GetInt32(1, int.MaxValue) };
        var call = new OutboundCall(resolved.Display, new RtpEndpointTransport(rtp, _options.SymmetricRtp ? resolved.Destination.EndPoint.Address : null), _ports.Release, options, _options, _playout.Value, _time, _log);
        var from = new NameAddress(new SipUri("sip", options.FromUser ?? _options.Trunk?.FromUser ?? "12333", resolved.FromHost));
        var attempt = new DialAttempt(call, local, options.Progress, _log);
        var sipOptions = new SipOutboundOptions
        {
            Credentials = resolved.Credentials,
            Headers = options.Headers.Select(h => new SipHeader(h.Key, h.Value)).ToList(),
            Progress = attempt.OnProgress,
        };
        SipOutboundCall sip;
        try
        {
            sip = _caller.PlaceCall(resolved.RequestUri, from, SdpOfferAnswer.CreateOffer(local), resolved.Destination, sipOptions);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
        {
            call.Close("unreachable");
            return new OutboundDialResult(OutboundOutcome.Unreachable, 0, ex.Message);
        }

        call.Attach(sip);
        _ = sip.Ended.ContinueWith(t => call.OnSipEnded(t.Result), TaskScheduler.Default);
        _log($"{call}: dialling ({(resolved.Credentials is null ? "no credentials" : $"account {resolved.Credentials.Username}")})");

        var ringTimeout = options.RingTimeout ?? _options.Trunk?.RingTimeout ?? TimeSpan.FromSeconds(60);
        var ringTimedOut = 0;
        using var ringTimer = _time.CreateTimer(_ => { Volatile.Write(ref ringTimedOut, 1); sip.Cancel(); }, null, ringTimeout, Timeout.InfiniteTimeSpan);
        var cancelledByCaller = 0;
        await using var registration = cancellationToken.Register(() => { Volatile.Write(ref cancelledByCaller, 1); sip.Cancel(); });

        var answer = await sip.Answered.ConfigureAwait(false);
        ringTimer.Dispose();
        var outcome = OutboundOutcomes.From(answer, sip.HasProvisional, Volatile.Read(ref ringTimedOut) == 1 && !answer.IsAnswered, Volatile.Read(ref cancelledByCaller) == 1 && !answer.IsAnswered);
        if (outcome == OutboundOutcome.Answered)
        {
            var media = sip.RemoteSdp is { } sdp ? NegotiatedMedia.From(SdpOfferAnswer.ReadAnswer(sdp, local)) : null;
            if (media is null)
            {
                _log($"{call}: answered without a usable SDP answer; hanging up");
                call.Hangup();
                return new OutboundDialResult(OutboundOutcome.Rejected, 488, "the answer accepts no codec we offered");
            }

            call.Negotiated(media);
            call.Answered();
            _log($"{call}: answered ({media.CodecName}{(media.TelephoneEventPayloadType is { } te ? $", telephone-event {te}" : "")}, RTP port {call.RtpPort})");
            return new OutboundDialResult(OutboundOutcome.Answered, answer.StatusCode, answer.ReasonPhrase, call);
        }

        call.Close(OutboundDialResult.ReasonOf(outcome));
        var detail = outcome == OutboundOutcome.AuthFailed && sip.AuthenticationFailure is { } why ? why : answer.ReasonPhrase;
        _log($"{call}: {OutboundDialResult.ReasonOf(outcome)} ({answer.StatusCode} {detail})");
        return new OutboundDialResult(outcome, answer.StatusCode, detail);
    }

    private static PlayoutScheduler StartedScheduler(TimeProvider time)
    {
        var scheduler = new PlayoutScheduler(time);
        scheduler.Start();
        return scheduler;
    }
}
