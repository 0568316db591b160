using Ivr.Sip.Throttling;
using Ivr.Sip.Transport;

namespace Ivr.Host.Serving;

/// <summary>
/// The <c>ivr serve</c> options that keep one source from denying service to others (issue 14): who the proxies
/// in front are, the per-source message budget checked before parsing, new calls per source and per caller number,
/// and the TCP connection caps. Defaults suit a hotline behind a trunk or Kamailio; 0 switches a limit off. Each may be
/// written in <c>deploy/limits.yaml</c> (<see cref="LimitsFile"/>, or <c>--limits FILE</c>); the command line overrides it.
/// </summary>
public sealed record SipLimitOptions
{
    public static readonly IReadOnlyCollection<string> Valued =
        ["sip-proxies", "sip-rate", "sip-proxy-rate", "calls-per-minute", "source-share", "caller-calls-per-minute", "caller-calls", "tcp-per-address", "tcp-idle", "limits"];

    /// <summary>The options a limits file may set (all but --limits itself).</summary>
    public static IReadOnlyCollection<string> FileOptions => Valued.Where(o => o != "limits").ToList();

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
          --limits FILE      the limits above as a YAML file, keys like sip_rate: 50; the command line overrides it
                             (default: deploy/limits.yaml when present)
        """;

    public TrustedSources Proxies { get; init; } = TrustedSources.None;

    public InboundLimits Inbound { get; init; } = InboundLimits.Default;

    public CallLimits Calls { get; init; } = CallLimits.Default;

    public TcpConnectionLimits Tcp { get; init; } = TcpConnectionLimits.Default;

    public static SipLimitOptions Parse(CommandLine line)
    {
        var path = line.Get("limits") ?? (File.Exists(LimitsFile.DefaultPath) ? LimitsFile.DefaultPath : null);
        var file = path is null ? LimitsFile.Empty : LimitsFile.Read(path, FileOptions);
        int Int(string name, int fallback, int min, int max) => GetInt(line, file, name, fallback, min, max);
        return new SipLimitOptions
        {
            FilePath = path,
            Proxies = ParseProxies(line.Get("sip-proxies") is { } proxies ? (proxies, "--sip-proxies") : file.Find("sip-proxies") is { } found ? (found.Text, found.At) : null),
            Inbound = InboundLimits.Default with
            {
                PerSource = RateBudget.PerSecondWithBurst(Int("sip-rate", 50, 0, 1_000_000), 4),
                PerProxy = RateBudget.PerSecondWithBurst(Int("sip-proxy-rate", 5000, 0, 1_000_000), 2),
            },
            Calls = CallLimits.Default with
            {
                PerSourcePerMinute = Int("calls-per-minute", 60, 0, 1_000_000),
                SourceShare = Int("source-share", 20, 1, 100) / 100.0,
                PerCallerPerMinute = Int("caller-calls-per-minute", 10, 0, 1_000_000),
                PerCallerConcurrent = Int("caller-calls", 2, 0, 100_000),
            },
            Tcp = TcpConnectionLimits.Default with
            {
                MaxConnectionsPerAddress = Int("tcp-per-address", 32, 1, 100_000),
                IdleTimeout = TimeSpan.FromSeconds(Int("tcp-idle", 120, 10, 86_400)),
            },
        };
    }

    /// <summary>The limits file read, if any (for the start-up log).</summary>
    public string? FilePath { get; init; }

    /// <summary>The command line's value, else the file's (an error names FILE:LINE:COLUMN), else the default.</summary>
    private static int GetInt(CommandLine line, LimitsFile file, string name, int fallback, int min, int max)
    {
        if (line.Has(name) || file.Find(name) is not { } written) return line.GetInt(name, fallback, min, max);
        if (!int.TryParse(written.Text, out var value) || value < min || value > max)
            throw new UsageException($"{written.At}: {name.Replace('-', '_')} must be a whole number from {min} to {max}, not '{written.Text}'");
        return value;
    }

    /// <param name="written">The list and where it was written ("--sip-proxies" or FILE:LINE:COLUMN); null: none.</param>
    private static TrustedSources ParseProxies((string Text, string At)? written)
    {
        if (written is not { } proxies || proxies.Text.Equals("none", StringComparison.OrdinalIgnoreCase)) return TrustedSources.None;
        var parsed = TrustedSources.Parse(proxies.Text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
        if (!parsed.IsSuccess) throw new UsageException($"{proxies.At}: {parsed.Error}");
        return parsed.Value!;
    }
}
