using System.Net;
using System.Net.Sockets;
using Ivr.Data;
using Ivr.Data.Calls;
using Ivr.Flows.Model;
using Ivr.Media.Playout;
using Ivr.Runtime.Replay;
using Ivr.Sip.Message;
using Ivr.Sip.Sdp;
using Ivr.Sip.UserAgent;

namespace Ivr.Host.SipReplay;

/// <summary>
/// Runs replay scripts as real calls to a live server: one caller SIP stack (UDP) and one playout
/// scheduler (the pacer of every call's RTP stream) for all calls, the server's recorded events read
/// from its database. Each script is checked
/// by the same <see cref="ReplayExecution"/> as the simulated replay.
/// </summary>
public sealed class LiveReplayRunner : IAsyncDisposable
{
    private readonly SipTarget _target;
    private readonly FlowSet _set;
    private readonly SqliteCallHistory _history;
    private readonly LiveReplayOptions _options;
    private readonly IPAddress _local;
    private readonly SipStack _sip;
    private readonly PlayoutScheduler _pacer;

    private LiveReplayRunner(SipTarget target, FlowSet set, SqliteCallHistory history, LiveReplayOptions options, IPAddress local, SipStack sip, PlayoutScheduler pacer)
    {
        _pacer = pacer;
        _target = target;
        _set = set;
        _history = history;
        _options = options;
        _local = local;
        _sip = sip;
    }

    /// <summary>Binds the caller's SIP stack on the address that reaches <paramref name="target"/>.</summary>
    public static LiveReplayRunner Start(SipTarget target, FlowSet set, string database, LiveReplayOptions? options = null)
    {
        if (!File.Exists(database)) throw new FileNotFoundException($"no database at {database}: pass the server's with --db (its --data folder's ivr.db)", database);
        var local = LocalAddressFor(target.Address);
        var sip = SipStack.Start(new SipStackOptions { ListenAddress = local, Port = 0, EnableTcp = false, AdvertisedHost = local.ToString() }, new CallerOnlySipHandler());
        // As the server's: one pacing thread, real-time where allowed (with a non-real-time thread on a
        // busy machine the callers' packets jitter more than they did with one sleeping thread per call).
        var pacer = new PlayoutScheduler(TimeProvider.System, onError: e => Console.Error.WriteLine($"replay caller RTP: {e.GetType().Name}: {e.Message}"), realTimePriority: true);
        pacer.Start();
        return new LiveReplayRunner(target, set, new SqliteCallHistory(IvrDatabase.Open(database)), options ?? new LiveReplayOptions(), local, sip, pacer);
    }

    /// <summary>Whether the callers' RTP is paced by a real-time thread (Linux SCHED_FIFO, needs CAP_SYS_NICE).</summary>
    public bool RealTimePacing => _pacer.RealTimeThreads > 0;

    /// <summary>Places the script's call, drives it, and checks the server's events against it.</summary>
    public ReplayResult Run(ReplayScript script)
    {
        using var media = new CallerMedia(_local, _pacer);
        var local = new SdpLocalMedia(_local, media.LocalEndPoint.Port) { PayloadTypes = [SdpCodecs.Pcmu], UserName = "replay", SessionId = Random.Shared.NextInt64(1, long.MaxValue) };
        var from = NameAddress.Parse($"<sip:{script.Caller}@{_local}>");
        if (!from.IsSuccess) return Failed(script, $"the caller '{script.Caller}' cannot be written as a SIP URI: {from.Error}");
        var call = _sip.PlaceCall(_target.For(script.Dialled), from.Value!, SdpOfferAnswer.CreateOffer(local));
        if (!call.Answered.Wait(_options.AnswerLimit))
        {
            call.Cancel();
            return Failed(script, $"{_target} did not answer within {_options.AnswerLimit.TotalSeconds:0} s (call {call.CallId})");
        }

        var answer = call.Answered.Result;
        if (!answer.IsAnswered) return Failed(script, $"{_target} answered {answer.StatusCode} {answer.ReasonPhrase} (call {call.CallId})");
        var negotiation = call.RemoteSdp is { } sdp ? SdpOfferAnswer.ReadAnswer(sdp, local) : SdpNegotiation.NotAcceptable("the 200 OK carried no SDP");
        if (!negotiation.IsAccepted || negotiation.RemoteRtp is null || negotiation.TelephoneEventPayloadType is null)
        {
            call.Hangup();
            return Failed(script, $"the server's SDP answer is unusable: {negotiation.Error ?? (negotiation.RemoteRtp is null ? "no RTP address" : "no telephone-event (RFC 4733) accepted")}");
        }

        media.Start(negotiation.RemoteRtp, negotiation.PayloadType, negotiation.TelephoneEventPayloadType.Value);
        var line = new LiveReplayLine(_set, call, media, _history, _options);
        var failure = new ReplayExecution(script, line).Execute();
        if (!line.HasEnded)
        {
            call.Hangup();
            line.RunUntil(() => line.HasEnded);
        }

        call.Ended.Wait(TimeSpan.FromSeconds(5));
        return new ReplayResult(script, failure, line.Events, line.Disposition, line.Elapsed);
    }

    public async ValueTask DisposeAsync()
    {
        await _sip.DisposeAsync();
        _pacer.Dispose();
    }

    private static ReplayResult Failed(ReplayScript script, string problem) =>
        new(script, $"{script.Path}: {problem}", [], null, TimeSpan.Zero);

    /// <summary>The local address the system routes to <paramref name="remote"/> from (loopback for loopback).</summary>
    private static IPAddress LocalAddressFor(IPAddress remote)
    {
        if (IPAddress.IsLoopback(remote)) return remote.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Loopback : IPAddress.Loopback;
        using var probe = new Socket(remote.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        probe.Connect(new IPEndPoint(remote, 9)); // UDP connect sends nothing: it only picks the route
        return ((IPEndPoint)probe.LocalEndPoint!).Address;
    }
}
