using Ivr.Sip.Throttling;
using Ivr.Sip.Transport;

namespace Ivr.Host.Serving;

/// <summary>
/// The <c>ivr serve</c> options that keep one source from denying service to others (issue 14): who the proxies
/// in front are, the per-source message budget checked before parsing, new calls per source and per caller number,
/// and the TCP connection caps. Defaults suit a hotline behind a trunk or Kamailio; 0 switches a limit off.
/// </summary>
public sealed record SipLimitOptions
{
    public static readonly IReadOnlyCollection<string> Valued =
        ["sip-proxies", "sip-rate", "sip-proxy-rate", "calls-per-minute", "source-share", "caller-calls-per-minute", "caller-calls", "tcp-per-address", "tcp-idle"];

    public const string Help = """
          --sip-proxies LIST Kamailio, the trunk's SBC: comma-separated networks whose traffic carries many callers (default: none)
          --sip-rate N       SIP messages/s one other source may send, bursts of 4 s' worth; more are dropped unparsed (default 50)
          --sip-proxy-rate N the same for a listed proxy, bursts of 2 s' worth (default 5000)
          --calls-per-minute N  new calls per minute from one source that is not a proxy; more get 503 (default 60)
          --source-share PCT calls one source that is not a proxy may hold at once, in % of --max-calls; more get 503 (default 20)
          --caller-calls-per-minute N  new calls per minute per caller number behind a proxy; more get 486 (default 10)
          --caller-calls N   calls one caller number behind a proxy may hold at once; more get 486 (default 2)
          --tcp-per-address N  open SIP TCP connections per remote address (default 32; 1,024 in all)
          --tcp-idle S       seconds a SIP TCP connection without a call may carry no message before it is closed (default 120)
        """;

    public TrustedSources Proxies { get; init; } = TrustedSources.None;

    public InboundLimits Inbound { get; init; } = InboundLimits.Default;

    public CallLimits Calls { get; init; } = CallLimits.Default;

    public TcpConnectionLimits Tcp { get; init; } = TcpConnectionLimits.Default;

    public static SipLimitOptions Parse(CommandLine line) => new()
    {
        Proxies = ParseProxies(line.Get("sip-proxies")),
        Inbound = InboundLimits.Default with
        {
            PerSource = RateBudget.PerSecondWithBurst(line.GetInt("sip-rate", 50, 0, 1_000_000), 4),
            PerProxy = RateBudget.PerSecondWithBurst(line.GetInt("sip-proxy-rate", 5000, 0, 1_000_000), 2),
        },
        Calls = CallLimits.Default with
        {
            PerSourcePerMinute = line.GetInt("calls-per-minute", 60, 0, 1_000_000),
            SourceShare = line.GetInt("source-share", 20, 1, 100) / 100.0,
            PerCallerPerMinute = line.GetInt("caller-calls-per-minute", 10, 0, 1_000_000),
            PerCallerConcurrent = line.GetInt("caller-calls", 2, 0, 100_000),
        },
        Tcp = TcpConnectionLimits.Default with
        {
            MaxConnectionsPerAddress = line.GetInt("tcp-per-address", 32, 1, 100_000),
            IdleTimeout = TimeSpan.FromSeconds(line.GetInt("tcp-idle", 120, 10, 86_400)),
        },
    };

    private static TrustedSources ParseProxies(string? text)
    {
        if (text is null || text.Equals("none", StringComparison.OrdinalIgnoreCase)) return TrustedSources.None;
        var parsed = TrustedSources.Parse(text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
        if (!parsed.IsSuccess) throw new UsageException($"--sip-proxies: {parsed.Error}");
        return parsed.Value!;
    }
}
