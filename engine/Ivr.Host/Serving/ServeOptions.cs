using System.Globalization;
using System.Net;
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
        [.. IvrPaths.Options, "sip-port", "bind", "address", "node-id", "rtp-ports", "trust", "max-calls", "pacing-threads", "queues", "trunk", "http-port", "http-bind", "clock-start", "drain-timeout", "metrics-port", "recordings", .. SipLimitOptions.Valued, .. SecureSipOptions.Valued, "retention", "backups"];

    /// <summary>Options that stand alone.</summary>
    public static readonly IReadOnlyCollection<string> Switches = ["no-console", "watch-flows", "no-symmetric-rtp"];

    /// <summary>One line per option, in the order <c>--help</c> shows them.</summary>
    public const string Help = """
          --sip-port P       SIP port, UDP and TCP (default 5060; 0 = any free port, the log tells which)
          --bind IP          address SIP (UDP and TCP) and RTP listen on (default: all interfaces); several nodes on one
                             machine bind 127.0.0.2, 127.0.0.3 … with the same --sip-port
          --address IP       address written in Via, Contact and SDP (default: the --bind address, else the first non-loopback IPv4)
          --node-id ID       this node's name in the nodes table and on its calls (default: HOST-ADDRESS-SIPPORT, printed at start)
          --rtp-ports A-B    RTP port range, even ports used (default 20000-29999); a port another process holds is skipped
                             (warned at start when the range holds fewer than 2 ports per --max-calls)
          --no-symmetric-rtp accept RTP only from the address and port in the caller's SDP (default: also any port of the
                             caller's SIP source address, for callers behind NAT; anyone else is dropped either way)
          --trust LIST       who may call: comma-separated networks, or 'any' (default: loopback and private networks)
          --max-calls N      calls at once; beyond it new calls get 503 with Retry-After (default: 1000 per CPU core, as
                             tools/bench/sip-load measured, at most one per RTP port pair)
          --pacing-threads N threads pacing the calls' outbound audio; each takes up to 1000 calls before the next takes
                             new ones (default: one per 1000 calls of --max-calls, at most one per CPU core)
          --queues FILE      agents' queues → SIP URIs for transfers by REFER (default: deploy/queues.yaml when present)
          --trunk FILE       SIP trunk for outbound calls and bridged transfers (default: deploy/trunk.yaml when present)
          --http-port P      operations console port (default 8080; 0 = any free port, the log tells which)
          --http-bind IP     operations console address (default 127.0.0.1)
          --no-console       no operations console (no HTTP but --metrics-port)
          --metrics-port P   a listener serving only GET /metrics on P at --http-bind, e.g. with --no-console (default: none; the console serves /metrics too)
          --watch-flows      with --database (cluster mode, where nodes serve the flow set published in the database):
                             publish this node's flows and prompts folders whenever they change
          --clock-start T    calls and the back end see time running from T (ISO 8601 with offset), for replays over SIP
          --drain-timeout D  on SIGTERM (or 'ivr drain'), how long calls in progress may go on while new ones get 503;
                             then calls still up get a BYE and the server stops (default 15m; e.g. 90s, 15m, 1h)
          --retention FILE   how long call events, handled recordings, access log and fax numbers are kept, pruned daily
                             (default: deploy/retention.yaml when present, else 180d/365d/180d/90d at 03:00 China time)
          --backups FILE     scheduled backups: folder, every N days, keep N, hour (default: deploy/backup.yaml when present, else none)
          --recordings DIR   a folder every node reaches (NFS, CephFS…): this node records into DIR/NODE-ID and its console
                             plays a message recorded on any node (default: DATA/recordings, this node's only)
        """ + "\n" + SipLimitOptions.Help + SecureSipOptions.Help;

    public required IvrPaths Paths { get; init; }

    /// <summary>Cluster mode: publish the node's flow folders when they change (they are not served directly).</summary>
    public bool WatchFlows { get; init; }

    public int SipPort { get; init; } = 5060;

    /// <summary>The address SIP and RTP sockets bind; null: every interface.</summary>
    public IPAddress? Bind { get; init; }

    /// <summary>The address written in SIP and SDP: where callers reach this machine.</summary>
    public required IPAddress Address { get; init; }

    /// <summary>The node's id as given by --node-id; null: <see cref="NodeId"/> derives one.</summary>
    public string? GivenNodeId { get; init; }

    /// <summary>This node's name in the <c>nodes</c> table and on the calls it answers: --node-id, or host name,
    /// bound (else advertised) address and SIP port, so that nodes sharing a machine or a database differ.</summary>
    public string NodeId => GivenNodeId ?? $"{Environment.MachineName}-{Bind ?? Address}-{SipPort}";

    public int RtpPortMin { get; init; } = 20000;

    public int RtpPortMax { get; init; } = 29999;

    /// <summary>Symmetric RTP for NAT: media also from any port of the SIP source's IP (off with --no-symmetric-rtp).</summary>
    public bool SymmetricRtp { get; init; } = true;

    public TrustedSources Trusted { get; init; } = TrustedSources.Default;

    public required int MaxCalls { get; init; }

    /// <summary>Threads pacing outbound audio (<see cref="DefaultPacingThreads"/> unless given).</summary>
    public int PacingThreads { get; init; } = 1;

    /// <summary>The agents' queue table; null when none is given and deploy/queues.yaml is absent.</summary>
    public string? QueueFile { get; init; }

    /// <summary>The outbound trunk; null when none is given and deploy/trunk.yaml is absent.</summary>
    public string? TrunkFile { get; init; }

    /// <summary>Whether the operations console is served.</summary>
    public bool Console { get; init; } = true;

    public int HttpPort { get; init; } = ConsoleOptions.DefaultPort;

    public IPAddress HttpBind { get; init; } = IPAddress.Loopback;

    /// <summary>Port of a listener serving only /metrics (0: any free port); null: none (the console serves /metrics too).</summary>
    public int? MetricsPort { get; init; }

    /// <summary>The folder shared by every node's recordings (<c>--recordings</c>); null: each node keeps its own under DATA.</summary>
    public string? SharedRecordings { get; init; }

    /// <summary>Where the console looks for recordings: the shared folder (each node's in its own subfolder), else <c>DATA/recordings</c>.</summary>
    public string RecordingsRoot => SharedRecordings ?? Path.Combine(Paths.Data, "recordings");

    /// <summary>
    /// Where this node writes callers' recordings, one WAV per recording: <c>DATA/recordings</c>, or with a shared folder
    /// <c>DIR/NODE-ID</c> — its own, so the crash recovery at start never touches a file another node is still writing.
    /// </summary>
    public string RecordingsFolder => SharedRecordings is { } shared ? Path.Combine(shared, NodeId) : Path.Combine(Paths.Data, "recordings");

    /// <summary>Proxies, per-source and per-caller limits, TCP caps (<see cref="SipLimitOptions"/>).</summary>
    public SipLimitOptions Limits { get; init; } = new();

    /// <summary>SIP over TLS and SRTP (<see cref="SecureSipOptions"/>).</summary>
    public SecureSipOptions Secure { get; init; } = new();

    /// <summary>The moment calls and the back end see time running from; null: the system's time.</summary>
    public DateTimeOffset? ClockStart { get; init; }

    /// <summary>How long a drain waits for the calls in progress before it ends them.</summary>
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>deploy/retention.yaml or --retention FILE; null: the defaults (<see cref="Maintenance.RetentionFile"/>).</summary>
    public string? RetentionFile { get; init; }

    /// <summary>deploy/backup.yaml or --backups FILE; null: no scheduled backups.</summary>
    public string? BackupFile { get; init; }

    public static ServeOptions Parse(CommandLine line)
    {
        var (rtpMin, rtpMax) = ParseRange(line.Get("rtp-ports", "20000-29999"));
        var maxCalls = line.GetInt("max-calls", DefaultMaxCalls(rtpMin, rtpMax, Environment.ProcessorCount), 1, 100_000);
        var bind = ParseListen(line.Get("bind"));
        return new ServeOptions
        {
            Paths = IvrPaths.From(line),
            SipPort = line.GetInt("sip-port", 5060, 0, 65535),
            Bind = bind,
            Address = line.Get("address") is null && bind is not null ? bind : ParseAddress(line.Get("address")),
            GivenNodeId = ParseNodeId(line.Get("node-id")),
            RtpPortMin = rtpMin,
            RtpPortMax = rtpMax,
            SymmetricRtp = !line.Has("no-symmetric-rtp"),
            Trusted = ParseTrust(line.Get("trust")),
            MaxCalls = maxCalls,
            PacingThreads = line.GetInt("pacing-threads", DefaultPacingThreads(maxCalls, Environment.ProcessorCount), 1, 256),
            QueueFile = line.Get("queues") ?? (File.Exists(DefaultQueueFile) ? DefaultQueueFile : null),
            TrunkFile = line.Get("trunk") ?? (File.Exists(DefaultTrunkFile) ? DefaultTrunkFile : null),
            Console = !line.Has("no-console"),
            WatchFlows = line.Has("watch-flows"),
            HttpPort = line.GetInt("http-port", ConsoleOptions.DefaultPort, 0, 65535),
            HttpBind = ParseBind(line.Get("http-bind")),
            MetricsPort = line.Has("metrics-port") ? line.GetInt("metrics-port", 0, 0, 65535) : null,
            ClockStart = ParseClockStart(line.Get("clock-start")),
            DrainTimeout = ParseDuration("drain-timeout", line.Get("drain-timeout")) ?? TimeSpan.FromMinutes(15),
            Limits = SipLimitOptions.Parse(line),
            RetentionFile = line.Get("retention") ?? (File.Exists(Maintenance.RetentionFile.DefaultPath) ? Maintenance.RetentionFile.DefaultPath : null),
            BackupFile = line.Get("backups") ?? (File.Exists(Maintenance.BackupScheduleFile.DefaultPath) ? Maintenance.BackupScheduleFile.DefaultPath : null),
            SharedRecordings = line.Get("recordings") is { } recordings ? Path.GetFullPath(recordings) : null,
            Secure = SecureSipOptions.Parse(line),
        };
    }

    /// <summary>Held full-media calls one core carries: tools/bench/sip-load held 2,000 calls on 2 cores with 0 failed in each
    /// of 3 quiet runs (sessions 11-12: 0.035-0.041 % of a core per call, the machine 46-59 % busy with SIPp and the
    /// capture on the same cores, 48-56 KB RSS per call).</summary>
    public const int CallsPerCore = 1000;

    /// <summary>--max-calls when not given: <see cref="CallsPerCore"/> per core, at most one call per RTP port pair.</summary>
    public static int DefaultMaxCalls(int rtpMin, int rtpMax, int cores) => Math.Max(1, Math.Min(CallsPerCore * cores, (rtpMax - rtpMin + 1) / 2));

    /// <summary>Streams one pacing thread serves before the next takes new ones: at 2,000 calls one thread took 80-90 % of
    /// a core on this 2-core VM and fell behind (lateness mean 6.5-7.5 ms, tools/bench/sip-load, session 14); up to 1,000
    /// the second thread only cost wake-ups.</summary>
    public const int CallsPerPacingThread = 1000;

    /// <summary>--pacing-threads when not given: one per <see cref="CallsPerPacingThread"/> calls of --max-calls, at most
    /// one per core (each sleeps between its steps; on more threads than cores they would only take turns).</summary>
    public static int DefaultPacingThreads(int maxCalls, int cores) =>
        Math.Clamp((maxCalls + CallsPerPacingThread - 1) / CallsPerPacingThread, 1, Math.Max(1, cores));

    /// <summary>A warning for the log when the RTP range cannot give every allowed call its RTP and RTCP ports; null when it can.</summary>
    public string? RtpRangeWarning()
    {
        var ports = RtpPortMax - RtpPortMin + 1;
        return ports >= 2 * MaxCalls
            ? null
            : $"WARNING RTP ports {RtpPortMin}-{RtpPortMax} hold {ports} ports, fewer than 2 per call for --max-calls {MaxCalls}: " +
              $"calls beyond {ports / 2} at once get 503; widen --rtp-ports or lower --max-calls";
    }

    private static IPAddress ParseAddress(string? text)
    {
        if (text is null) return AddressDetection.FirstLocalIPv4();
        if (!IPAddress.TryParse(text, out var address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any))
            throw new UsageException($"--address must be the IP address callers reach this machine at, not '{text}'");
        return address;
    }

    private static IPAddress? ParseListen(string? text)
    {
        if (text is null) return null;
        if (!IPAddress.TryParse(text, out var address))
            throw new UsageException($"--bind must be an IP address of this machine, like 127.0.0.2, not '{text}'");
        return address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) ? null : address;
    }

    private static string? ParseNodeId(string? text)
    {
        if (text is null) return null;
        if (text.Length is 0 or > 64 || !text.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            throw new UsageException($"--node-id takes 1 to 64 letters, digits, '-', '_' or '.', not '{text}'");
        return text;
    }

    private static (int Min, int Max) ParseRange(string text)
    {
        var parts = text.Split('-');
        if (parts.Length != 2 || !int.TryParse(parts[0], out var min) || !int.TryParse(parts[1], out var max) || min < 1024 || max > 65535 || max < min + 1)
            throw new UsageException($"--rtp-ports must be a range like 20000-29999 within 1024-65535, not '{text}'");
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

    /// <summary>90s, 15m, 1h (a bare number is seconds); from 0 to 24 hours.</summary>
    public static TimeSpan? ParseDuration(string option, string? text)
    {
        if (text is null) return null;
        var hasUnit = text.Length > 0 && char.IsLetter(text[^1]);
        var unit = hasUnit ? text[^1] : 's';
        var number = hasUnit ? text[..^1] : text;
        if (!int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || unit is not ('s' or 'm' or 'h'))
            throw new UsageException($"--{option} takes a duration like 90s, 15m or 1h, not '{text}'");
        var span = unit switch { 'h' => TimeSpan.FromHours(value), 'm' => TimeSpan.FromMinutes(value), _ => TimeSpan.FromSeconds(value) };
        if (span > TimeSpan.FromHours(24)) throw new UsageException($"--{option} must be at most 24h, not '{text}'");
        return span;
    }

    private static DateTimeOffset? ParseClockStart(string? text)
    {
        if (text is null) return null;
        if (!text.Contains('T') || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var start))
            throw new UsageException($"--clock-start takes a moment like 2026-11-23T10:00:00+08:00, not '{text}'");
        return start;
    }
}
