using System.Net;
using System.Net.Sockets;
using Ivr.Core.Privacy;
using Ivr.Data;
using Ivr.Data.Calls;
using Ivr.Data.Services;
using Ivr.Host.Cli;
using Ivr.Host.Hosting;
using Ivr.Media.Playout;
using Ivr.OperationsConsole;
using Ivr.OperationsConsole.Flows;
using Ivr.Runtime.Calls;
using Ivr.Sip.Transport;
using Ivr.Sip.UserAgent;
using Ivr.Telephony;
using Ivr.Telephony.Outbound;
using Ivr.Telephony.Transfers;

namespace Ivr.Host.Commands;

public sealed class ServeCommand : CommandBase
{
    public override string Name => "serve";

    public override string Summary => "run the hotline: load and watch flows, answer calls";

    public override string Usage => $"""
        usage: ivr serve [--sip-port P] [--address IP] [--rtp-ports MIN-MAX] [--trust LIST] [--max-calls N] [--queues FILE] [--trunk FILE] [--http-port P] [--http-bind IP] [--no-console] [options]

        Opens (or creates) the database, loads and validates the flows, and keeps watching the
        flows and prompts folders: a valid change is live for new calls within a second, an
        invalid one is rejected with its diagnostics while the last good version keeps serving.
        Answers SIP calls (UDP and TCP on all interfaces) with the flow routed for the dialled
        number; G.711 audio over RTP, keys by RFC 4733, in-band tones or SIP INFO; recordings in
        DATA/recordings. Stop with Ctrl+C.

          --sip-port P       SIP port, UDP and TCP (default 5060)
          --address IP       address written in SIP Contact and SDP (default: first non-loopback IPv4)
          --rtp-ports A-B    RTP port range, even ports used (default 20000-20999)
          --trust LIST       who may call: comma-separated networks, or 'any' (default: loopback and private networks)
          --max-calls N      calls at once; beyond it new calls get 503 with Retry-After (default: one per RTP port pair)
          --queues FILE      agents' queues → SIP URIs for transfers by REFER (default: deploy/queues.yaml when present)
          --trunk FILE       SIP trunk for outbound calls and bridged transfers (default: deploy/trunk.yaml when present)
          --http-port P      operations console port (default 8080; 0 = any free port, the log tells which)
          --http-bind IP     operations console address (default 127.0.0.1)
          --no-console       no operations console (no HTTP at all)
          --clock-start T    calls and the back end see time running from T (ISO 8601 with offset), for replays over SIP
        The console's first admin comes from IVR_ADMIN_USER and IVR_ADMIN_PASSWORD when no user exists yet
        (or 'ivr users add NAME --role admin'); there is no default password.
        {IvrPaths.Help}
        """;

    private static readonly string DefaultQueueFile = Path.Combine("deploy", "queues.yaml");

    private static readonly string DefaultTrunkFile = Path.Combine("deploy", "trunk.yaml");

    protected override IReadOnlyCollection<string> ValuedOptions => [.. IvrPaths.Options, "sip-port", "http-port", "address", "rtp-ports", "trust", "queues", "max-calls", "http-bind", "trunk", "clock-start"];

    protected override IReadOnlyCollection<string> Switches => ["no-console"];

    protected override async Task<int> RunAsync(CommandLine line, CancellationToken cancellation)
    {
        var paths = IvrPaths.From(line);
        var sipPort = line.GetInt("sip-port", 5060, 1, 65535);
        var httpPort = line.GetInt("http-port", ConsoleOptions.DefaultPort, 0, 65535);
        var httpBind = ParseBind(line.Get("http-bind"));
        var address = ParseAddress(line.Get("address"));
        var (rtpMin, rtpMax) = ParseRange(line.Get("rtp-ports", "20000-20999"));
        var trusted = ParseTrust(line.Get("trust"));
        var maxCalls = line.GetInt("max-calls", (rtpMax - rtpMin + 1) / 2, 1, 100_000);
        var callClock = ParseClockStart(line.Get("clock-start"));
        TransferTargets? transferTargets = null;
        var queueFile = line.Get("queues") ?? (File.Exists(DefaultQueueFile) ? DefaultQueueFile : null);
        if (queueFile is not null)
        {
            try
            {
                transferTargets = QueueFile.Read(queueFile);
            }
            catch (Exception ex) when (ex is InvalidDataException or IOException)
            {
                ConsoleLog.Write($"queues: {ex.Message}");
                return 1;
            }

            ConsoleLog.Write(transferTargets.Queues.Count == 0
                ? $"queues: {queueFile} lists no queue; transfers fail over to each flow's on_failure branch"
                : $"queues: transfers by REFER to {string.Join(", ", transferTargets.Queues)} ({queueFile})");
        }

        TrunkOptions? trunk = null;
        var trunkFile = line.Get("trunk") ?? (File.Exists(DefaultTrunkFile) ? DefaultTrunkFile : null);
        if (trunkFile is not null)
        {
            try
            {
                trunk = TrunkFile.Read(trunkFile);
            }
            catch (Exception ex) when (ex is InvalidDataException or IOException)
            {
                ConsoleLog.Write($"trunk: {ex.Message}");
                return 1;
            }

            ConsoleLog.Write(trunk is null ? $"trunk: {trunkFile} names no address; numbers cannot be dialled" : $"trunk: {trunk} ({trunkFile})");
        }

        Directory.CreateDirectory(paths.Data);
        var database = paths.OpenDatabase();
        ConsoleLog.Write($"database {database.Path} ready{(database.AppliedNow.Count > 0 ? $" (applied migrations {string.Join(", ", database.AppliedNow)})" : "")}");
        if (database.AppliedNow.Contains(1))
        {
            // A brand-new database: put the documented demo identities in, so a softphone can try the service at once.
            Ivr.Data.Seeding.DemoSeeder.Seed(database, people: 0, seed: 12333, Ivr.Data.Seeding.SeedOptions.Today(TimeProvider.System));
            ConsoleLog.Write("new database: seeded the 6 demo identities listed in the README (tools/ivr db seed adds synthetic people)");
        }


        using var flows = new FlowSetHost(paths.Flows, paths.Prompts, KnownOperations.All, TimeProvider.System, ConsoleLog.Write);
        if (!flows.Reload())
        {
            ConsoleLog.Write("no valid flow set: fix the errors above (ivr validate) and start again");
            return 1;
        }

        flows.Watch();
        Ivr.Data.Fax.FaxSettings faxSettings;
        try
        {
            faxSettings = FaxScheduling.LoadSettings(null, ConsoleLog.Write);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException)
        {
            ConsoleLog.Write($"fax: {ex.Message}");
            return 1;
        }

        await using var recorder = new SqliteCallRecorder(database, ConsoleLog.Write);
        var lookups = new ServiceLookupService(database, callClock,
            flows.Current!.Calendar is { } calendar ? calendar.AddWorkingDays : null, log: ConsoleLog.Write,
            fax: faxSettings, faxDocuments: new FaxDocumentSource(() => flows.Current));
        var live = new LiveCalls(recorder);
        var factory = new CallFactory(flows, new CallServices(callClock, lookups, live));
        var history = new FlowHistory(database, paths.Flows, TimeProvider.System, ConsoleLog.Write);
        await history.RecordAsync(flows.Current!, cancellation);
        flows.Swapped += set => _ = history.RecordAsync(set, CancellationToken.None);
        await using var console = line.Has("no-console") ? null : await StartConsoleAsync(httpBind, httpPort, paths, database, live, flows, cancellation);
        if (console is null && !line.Has("no-console")) return 1;
        foreach (var (number, flow) in flows.Current!.Routes)
            ConsoleLog.Write($"answering {(number == "*" ? "any other number" : number)} with flow '{flow}'");

        using var scheduler = new PlayoutScheduler(TimeProvider.System, onError: e => ConsoleLog.Write($"playout: {e.GetType().Name}: {e.Message}"), realTimePriority: true);
        scheduler.Start();
        if (scheduler.RealTimeThreads == 0) ConsoleLog.Write("playout: no real-time priority for the pacing thread (needs CAP_SYS_NICE); on a busy machine outbound audio may jitter");
        var telephony = new TelephonyServer(
            new TelephonyOptions
            {
                MediaAddress = address,
                RtpBindAddress = IPAddress.Any,
                RtpPortMin = rtpMin,
                RtpPortMax = rtpMax,
                RecordingsFolder = Path.Combine(paths.Data, "recordings"),
                TransferTargets = transferTargets,
                Trunk = trunk,
            },
            scheduler,
            (call, channel) => StartCall(factory, call, channel),
            dialled => flows.Current?.FlowFor(dialled) is not null,
            TimeProvider.System,
            ConsoleLog.Write);

        SipStack sip;
        try
        {
            sip = SipStack.Start(
                new SipStackOptions
                {
                    ListenAddress = IPAddress.Any,
                    Port = sipPort,
                    AdvertisedHost = address.ToString(),
                    UserAgent = new SipUserAgentOptions { TrustedSources = trusted, ProductName = "Ivr 12333", MaxCalls = maxCalls },
                },
                telephony, TimeProvider.System, new DelegateSipLog(ConsoleLog.Write));
        }
        catch (SocketException e)
        {
            ConsoleLog.Write($"cannot listen for SIP on port {sipPort}: {e.Message}");
            return 1;
        }

        var outbound = new OutboundDialer(sip, telephony.Options, telephony.Ports, TimeProvider.System, ConsoleLog.Write);
        telephony.AttachDialer(outbound);
        var faxQueue = FaxScheduling.Start(database, flows, faxSettings, FaxDialerFactory.Create(outbound, telephony.Options.Fax, ConsoleLog.Write), callClock, ConsoleLog.Write, cancellation);
        await using (sip)
        {
            ConsoleLog.Write($"SIP on {address}:{sipPort} (UDP and TCP), RTP ports {rtpMin}-{rtpMax}, at most {maxCalls} calls; call sip:12333@{address}:{sipPort}");
            ConsoleLog.Write($"watching {paths.Flows} and {paths.Prompts}");
            try
            {
                await Task.Delay(Timeout.Infinite, cancellation);
            }
            catch (OperationCanceledException)
            {
            }

            ConsoleLog.Write($"stopping; {telephony.ActiveCalls} calls still up are ended");
        }

        scheduler.Stop();
        await faxQueue;
        return 0;
    }

    /// <summary>The telephony layer's call, started as a flow call; the flow ending the call hangs up the SIP side.</summary>
    private static CallSession? StartCall(CallFactory factory, IncomingCall call, Core.Channel.ICallChannel channel)
    {
        var session = factory.Start(new CallIdentity(call.CallId, call.Caller, call.Dialled), channel, s => s.Ended += ended =>
        {
            ConsoleLog.Write($"call {call.CallId} from {Mask.Phone(call.Caller)}: flow ended ({ended.Disposition})");
            channel.Hangup(ended.Disposition ?? "ended");
        });
        if (session is not null) ConsoleLog.Write($"call {call.CallId} from {Mask.Phone(call.Caller)} to {call.Dialled}: flow started");
        return session;
    }

    /// <summary>The clock calls and the back end see: the system's, or one running from --clock-start.</summary>
    private static TimeProvider ParseClockStart(string? text)
    {
        if (text is null) return TimeProvider.System;
        if (!DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var start) || !text.Contains('T'))
            throw new UsageException($"--clock-start takes a moment like 2026-11-23T10:00:00+08:00, not '{text}'");
        ConsoleLog.Write($"calls see time running from {start:yyyy-MM-dd HH:mm:ss zzz} (--clock-start)");
        return Ivr.Host.SipReplay.ShiftedTimeProvider.StartingAt(start);
    }

    private static async Task<ConsoleHost?> StartConsoleAsync(IPAddress bind, int port, IvrPaths paths, IvrDatabase database, LiveCalls live,
        FlowSetHost flows, CancellationToken cancellation)
    {
        var admin = Environment.GetEnvironmentVariable("IVR_ADMIN_USER");
        var password = Environment.GetEnvironmentVariable("IVR_ADMIN_PASSWORD");
        try
        {
            var console = await ConsoleHost.StartAsync(
                new ConsoleOptions
                {
                    BindAddress = bind,
                    Port = port,
                    RecordingsDirectory = Path.Combine(paths.Data, "recordings"),
                    InitialAdmin = admin is { Length: > 0 } && password is { Length: > 0 } ? (admin, password) : null,
                },
                new ConsoleServices(database, TimeProvider.System, live,
                    new FlowSource(() => flows.Current, paths.Flows, paths.Prompts, KnownOperations.All), ConsoleLog.Write,
                    new ConsoleFaxJobs(database, TimeProvider.System)),
                cancellation);
            ConsoleLog.Write($"console: listening on {console.Address}");
            return console;
        }
        catch (IOException e)
        {
            ConsoleLog.Write($"cannot listen for the console on {bind}:{port}: {e.Message} (--http-port, or --no-console)");
            return null;
        }
    }

    private static IPAddress ParseBind(string? text)
    {
        if (text is null) return IPAddress.Loopback;
        return IPAddress.TryParse(text, out var address) ? address : throw new UsageException($"--http-bind must be an IP address, not '{text}'");
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
        var parsed = TrustedSources.Parse(text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
        if (!parsed.IsSuccess) throw new UsageException($"--trust: {parsed.Error}");
        return parsed.Value!;
    }
}
