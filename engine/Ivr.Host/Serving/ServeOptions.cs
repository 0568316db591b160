using System.Globalization;
using System.Net;
using Ivr.Host.Cli;
using Ivr.OperationsConsole;
using Ivr.Sip.Transport;
using Ivr.Telephony;

namespace Ivr.Host.Serving;

/// <summary>
/// What <c>ivr serve</c> was asked for, parsed and checked in one place: every option's name, its help
/// line, its default and its validation live here, so adding an option (<c>--database</c>, <c>--bind</c>,
/// <c>--drain-timeout</c>…) is one field, one name, one help line and one line of <see cref="Parse"/>.
/// Wrong input throws <see cref="UsageException"/> (exit 2) with a message naming the option.
/// </summary>
public sealed record ServeOptions
{
    public static readonly string DefaultQueueFile = Path.Combine("deploy", "queues.yaml");

    public static readonly string DefaultTrunkFile = Path.Combine("deploy", "trunk.yaml");

    /// <summary>Options that take a value.</summary>
    public static readonly IReadOnlyCollection<string> Valued =
        [.. IvrPaths.Options, "sip-port", "address", "rtp-ports", "trust", "max-calls", "queues", "trunk", "http-port", "http-bind", "clock-start"];

    /// <summary>Options that stand alone.</summary>
    public static readonly IReadOnlyCollection<string> Switches = ["no-console", "watch-flows"];

    /// <summary>One line per option, in the order <c>--help</c> shows them.</summary>
    public const string Help = """
          --sip-port P       SIP port, UDP and TCP (default 5060; 0 = any free port, the log tells which)
          --address IP       address written in SIP Contact and SDP (default: first non-loopback IPv4)
          --rtp-ports A-B    RTP port range, even ports used (default 20000-20999)
          --trust LIST       who may call: comma-separated networks, or 'any' (default: loopback and private networks)
          --max-calls N      calls at once; beyond it new calls get 503 with Retry-After (default: one per RTP port pair)
          --queues FILE      agents' queues → SIP URIs for transfers by REFER (default: deploy/queues.yaml when present)
          --trunk FILE       SIP trunk for outbound calls and bridged transfers (default: deploy/trunk.yaml when present)
          --http-port P      operations console port (default 8080; 0 = any free port, the log tells which)
          --http-bind IP     operations console address (default 127.0.0.1)
          --no-console       no operations console (no HTTP at all)
          --watch-flows      with --database (cluster mode, where nodes serve the flow set published in the database):
                             publish this node's flows and prompts folders whenever they change
          --clock-start T    calls and the back end see time running from T (ISO 8601 with offset), for replays over SIP
        """;

    public required IvrPaths Paths { get; init; }

    /// <summary>Cluster mode: publish the node's flow folders when they change (they are not served directly).</summary>
    public bool WatchFlows { get; init; }

    public int SipPort { get; init; } = 5060;

    /// <summary>The address written in SIP and SDP: where callers reach this machine.</summary>
    public required IPAddress Address { get; init; }

    public int RtpPortMin { get; init; } = 20000;

    public int RtpPortMax { get; init; } = 20999;

    public TrustedSources Trusted { get; init; } = TrustedSources.Default;

    public required int MaxCalls { get; init; }

    /// <summary>The agents' queue table; null when none is given and deploy/queues.yaml is absent.</summary>
    public string? QueueFile { get; init; }

    /// <summary>The outbound trunk; null when none is given and deploy/trunk.yaml is absent.</summary>
    public string? TrunkFile { get; init; }

    /// <summary>Whether the operations console is served.</summary>
    public bool Console { get; init; } = true;

    public int HttpPort { get; init; } = ConsoleOptions.DefaultPort;

    public IPAddress HttpBind { get; init; } = IPAddress.Loopback;

    /// <summary>The moment calls and the back end see time running from; null: the system's time.</summary>
    public DateTimeOffset? ClockStart { get; init; }

    public static ServeOptions Parse(CommandLine line)
    {
        var (rtpMin, rtpMax) = ParseRange(line.Get("rtp-ports", "20000-20999"));
        return new ServeOptions
        {
            Paths = IvrPaths.From(line),
            SipPort = line.GetInt("sip-port", 5060, 0, 65535),
            Address = ParseAddress(line.Get("address")),
            RtpPortMin = rtpMin,
            RtpPortMax = rtpMax,
            Trusted = ParseTrust(line.Get("trust")),
            MaxCalls = line.GetInt("max-calls", (rtpMax - rtpMin + 1) / 2, 1, 100_000),
            QueueFile = line.Get("queues") ?? (File.Exists(DefaultQueueFile) ? DefaultQueueFile : null),
            TrunkFile = line.Get("trunk") ?? (File.Exists(DefaultTrunkFile) ? DefaultTrunkFile : null),
            Console = !line.Has("no-console"),
            WatchFlows = line.Has("watch-flows"),
            HttpPort = line.GetInt("http-port", ConsoleOptions.DefaultPort, 0, 65535),
            HttpBind = ParseBind(line.Get("http-bind")),
            ClockStart = ParseClockStart(line.Get("clock-start")),
        };
    }

    private static IPAddress ParseAddress(string? text)
    {
        if (text is null) return AddressDetection.FirstLocalIPv4();
        if (!IPAddress.TryParse(text, out var address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any))
            throw new UsageException($"--address must be the IP address callers reach this machine at, not '{text}'");
        return address;
    }

    private static (int Min, int Max) ParseRange(string text)
    {
        var parts = text.Split('-');
        if (parts.Length != 2 || !int.TryParse(parts[0], out var min) || !int.TryParse(parts[1], out var max) || min < 1024 || max > 65535 || max < min + 1)
            throw new UsageException($"--rtp-ports must be a range like 20000-20999 within 1024-65535, not '{text}'");
        return (min, max);
    }

    private static TrustedSources ParseTrust(string? text)
    {
        if (text is null) return TrustedSources.Default;
        if (text.Equals("any", StringComparison.OrdinalIgnoreCase)) return TrustedSources.Any;
        var entries = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (entries.Length == 0) throw new UsageException("--trust lists no network; give networks like 10.0.0.0/8,192.168.1.7 or 'any'");
        var parsed = TrustedSources.Parse(entries);
        if (!parsed.IsSuccess) throw new UsageException($"--trust: {parsed.Error}");
        return parsed.Value!;
    }

    private static IPAddress ParseBind(string? text)
    {
        if (text is null) return IPAddress.Loopback;
        return IPAddress.TryParse(text, out var address) ? address : throw new UsageException($"--http-bind must be an IP address, not '{text}'");
    }

    private static DateTimeOffset? ParseClockStart(string? text)
    {
        if (text is null) return null;
        if (!text.Contains('T') || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var start))
            throw new UsageException($"--clock-start takes a moment like 2026-11-23T10:00:00+08:00, not '{text}'");
        return start;
    }
}
