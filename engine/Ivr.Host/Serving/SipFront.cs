using System.Net;
using System.Net.Sockets;
using Ivr.Core.Fax;
using Ivr.Host.Hosting;
using Ivr.Media.Playout;
using Ivr.Sip.UserAgent;
using Ivr.Telephony;
using Ivr.Telephony.Outbound;

namespace Ivr.Host.Serving;

/// <summary>
/// The server's telephone side: the pacing thread that plays every call's audio, the telephony layer that turns
/// SIP calls into flow calls, the SIP stack (UDP and TCP) and the dialer for outbound calls (bridged transfers,
/// scheduled faxes). Started in that order, each added to the server's parts so they stop in reverse.
/// </summary>
internal sealed class SipFront
{
    private readonly TelephonyServer _telephony;
    private readonly SipStack _stack;
    private readonly OutboundDialer _dialer;

    private SipFront(TelephonyServer telephony, SipStack stack, OutboundDialer dialer)
    {
        _telephony = telephony;
        _stack = stack;
        _dialer = dialer;
    }

    public IPEndPoint EndPoint => _stack.UdpEndPoint ?? _stack.TcpEndPoint!;

    public int ActiveCalls => _telephony.ActiveCalls;

    public static SipFront Start(ServeOptions options, OperatorFiles files, TelephonyCalls calls, FlowSetHost flows,
        StartedParts parts, TimeProvider clock, Action<string> log)
    {
        var scheduler = parts.Add("pacing thread",
            new PlayoutScheduler(clock, onError: e => log($"playout: {e.GetType().Name}: {e.Message}"), realTimePriority: true),
            s =>
            {
                s.Stop();
                return ValueTask.CompletedTask;
            });
        scheduler.Start();
        if (scheduler.RealTimeThreads == 0) log("playout: no real-time priority for the pacing thread (needs CAP_SYS_NICE); on a busy machine outbound audio may jitter");
        var telephony = new TelephonyServer(
            new TelephonyOptions
            {
                MediaAddress = options.Address,
                RtpBindAddress = IPAddress.Any,
                RtpPortMin = options.RtpPortMin,
                RtpPortMax = options.RtpPortMax,
                RecordingsFolder = Path.Combine(options.Paths.Data, "recordings"),
                TransferTargets = files.Queues,
                Trunk = files.Trunk,
            },
            scheduler, calls.Start, dialled => flows.Current?.FlowFor(dialled) is not null, clock, log);
        SipStack stack;
        try
        {
            stack = SipStack.Start(
                new SipStackOptions
                {
                    ListenAddress = IPAddress.Any,
                    Port = options.SipPort,
                    AdvertisedHost = options.Address.ToString(),
                    Tcp = options.Limits.Tcp,
                    UserAgent = new SipUserAgentOptions
                    {
                        TrustedSources = options.Trusted, ProductName = "Ivr 12333", MaxCalls = options.MaxCalls,
                        Proxies = options.Limits.Proxies, Inbound = options.Limits.Inbound, Calls = options.Limits.Calls,
                    },
                },
                telephony, clock, new DelegateSipLog(log));
        }
        catch (SocketException e)
        {
            throw new ServerStartException($"cannot listen for SIP on port {options.SipPort}: {e.Message}");
        }

        parts.Add("SIP (calls still up get a BYE)", stack);
        var dialer = new OutboundDialer(stack, telephony.Options, telephony.Ports, clock, log, telephony.Playout);
        telephony.AttachDialer(dialer);
        return new SipFront(telephony, stack, dialer);
    }

    /// <summary>The dialer of scheduled faxes: T.30 over outbound calls, or the unavailable one without spandsp.</summary>
    public IFaxDialer FaxDialer(Action<string> log) => FaxDialerFactory.Create(_dialer, _telephony.Options.Fax, log);
}
