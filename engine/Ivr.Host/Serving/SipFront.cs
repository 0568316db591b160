using System.Net;
using System.Net.Sockets;
using Ivr.Core.Fax;
using Ivr.Core.Serial;
using Ivr.Host.Hosting;
using Ivr.Host.Metrics;
using Ivr.Media.Playout;
using Ivr.Sip.UserAgent;
using Ivr.Telephony;

namespace Ivr.Host.Serving;

/// <summary>
/// The server's telephone side: the pacing thread that plays every call's audio, then the SIP stack (UDP and TCP),
/// which builds its calling side first and the telephony layer on it — the layer that turns SIP calls into flow
/// calls and owns the dialer for outbound calls (bridged transfers, scheduled faxes). One build order, nothing
/// attached later; each part is added to the server's parts so they stop in reverse.
/// </summary>
internal sealed class SipFront
{
    private readonly TelephonyServer _telephony;
    private readonly SipStack _stack;

    private SipFront(TelephonyServer telephony, SipStack stack)
    {
        _telephony = telephony;
        _stack = stack;
    }

    public IPEndPoint EndPoint => _stack.UdpEndPoint ?? _stack.TcpEndPoint!;

    /// <summary>The TLS listener; null without a certificate.</summary>
    public IPEndPoint? TlsEndPoint => _stack.TlsEndPoint;

    public int ActiveCalls => _telephony.ActiveCalls;

    public bool Draining => _stack.Draining;

    /// <summary>OPTIONS and new INVITEs get 503 with Retry-After from now on; calls in progress and outbound legs go on.</summary>
    public void Drain() => _stack.Drain();

    /// <summary>SIP messages dropped on receipt since start, by reason (a metric).</summary>
    public Ivr.Sip.Throttling.SipDropCounts Drops() => _stack.Endpoint.Gate.Drops;

    /// <summary>The pacing of every call's audio (its lateness is a metric).</summary>
    public PlayoutScheduler Playout => _telephony.Playout;

    public static SipFront Start(ServeOptions options, OperatorFiles files, TelephonyCalls calls, FlowSetHost flows, IvrMetrics metrics,
        StartedParts parts, TimeProvider clock, Action<string> log, Ivr.Core.Handoffs.IHandoffTokens? handoffs = null)
    {
        var scheduler = parts.Add("pacing threads",
            new PlayoutScheduler(clock, options.PacingThreads, e => log($"playout: {e.GetType().Name}: {e.Message}"), realTimePriority: true,
                streamsPerThread: ServeOptions.CallsPerPacingThread),
            s =>
            {
                s.Stop();
                return ValueTask.CompletedTask;
            });
        scheduler.Start();
        if (scheduler.RealTimeThreads < options.PacingThreads)
            log($"playout: real-time priority for {scheduler.RealTimeThreads} of {options.PacingThreads} pacing threads (needs CAP_SYS_NICE); on a busy machine outbound audio may jitter");
        var events = parts.Add("event threads", new EventThreads(Environment.ProcessorCount, clock, log), e =>
        {
            e.Stop();
            return ValueTask.CompletedTask;
        });
        events.Start();
        var telephonyOptions = new TelephonyOptions
        {
            MediaAddress = options.Address,
            RtpBindAddress = options.Bind ?? IPAddress.Any,
            RtpPortMin = options.RtpPortMin,
            RtpPortMax = options.RtpPortMax,
            SymmetricRtp = options.SymmetricRtp,
            RecordingsFolder = options.RecordingsFolder,
            TransferTargets = files.Queues,
            Trunk = files.Trunk,
            Metrics = metrics,
            Srtp = options.Secure.Srtp,
            Handoffs = handoffs,
            Events = events,
        };
        TelephonyServer? telephony = null;
        SipStack stack;
        try
        {
            stack = SipStack.Start(
                new SipStackOptions
                {
                    ListenAddress = options.Bind ?? IPAddress.Any,
                    Port = options.SipPort,
                    AdvertisedHost = options.Address.ToString(),
                    Tcp = options.Limits.Tcp,
                    Tls = options.Secure.Tls,
                    TlsPort = options.Secure.TlsPort,
                    UserAgent = new SipUserAgentOptions
                    {
                        TrustedSources = options.Trusted, ProductName = "Ivr 12333", MaxCalls = options.MaxCalls,
                        Proxies = options.Limits.Proxies, Inbound = options.Limits.Inbound, Calls = options.Limits.Calls, Metrics = metrics,
                    },
                },
                caller => telephony = new TelephonyServer(telephonyOptions, scheduler, calls.Start, dialled => flows.Current?.FlowFor(dialled) is not null, clock, log, caller),
                clock, new DelegateSipLog(log));
        }
        catch (SocketException e)
        {
            throw new ServerStartException($"cannot listen for SIP on {(options.Bind is { } bind ? $"{bind}:" : "port ")}{options.SipPort}: {e.Message}");
        }

        parts.Add("SIP (calls still up get a BYE)", stack);
        return new SipFront(telephony!, stack);
    }

    /// <summary>The dialer of scheduled faxes: T.30 over outbound calls, or the unavailable one without spandsp.</summary>
    public IFaxDialer FaxDialer(Action<string> log) => FaxDialerFactory.Create(_telephony.Dialer!, _telephony.Options.Fax, log);
}
