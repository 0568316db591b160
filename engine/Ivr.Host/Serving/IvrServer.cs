using System.Net;
using Ivr.Core.Lookups;
using Ivr.Data;
using Ivr.Data.Calls;
using Ivr.Data.Messages;
using Ivr.Data.Migrations;
using Ivr.Data.Services;
using Ivr.Data.Spool;
using Ivr.Data.Switches;
using Ivr.Host.Commands;
using Ivr.Host.Hosting;
using Ivr.Host.Metrics;
using Ivr.Host.Prompts;
using Ivr.Host.SipReplay;
using Ivr.OperationsConsole;
using Ivr.OperationsConsole.Flows;
using Ivr.OperationsConsole.TryCalls;
using Ivr.Runtime.Calls;

namespace Ivr.Host.Serving;

/// <summary>
/// The running hotline, composed once: <see cref="StartAsync"/> builds and starts every part in dependency order
/// on one clock — operators' files, database, flow set (watched), call recording, back end, operations console,
/// pacing thread, SIP and telephony, scheduled faxes — and <see cref="DisposeAsync"/> stops them in the reverse
/// order (calls still up get their BYE). A part that cannot start stops what started before it and throws
/// <see cref="ServerStartException"/>.
/// </summary>
/// <remarks>
/// Cluster mode (issue 12) plugs in here: a heartbeat is one more started part after the SIP front. A drain
/// (<see cref="BeginDrain"/>: SIGTERM, <c>ivr drain</c>, the console) makes SIP refuse OPTIONS and new INVITEs with 503
/// and the fax queue claim no job; <see cref="RunAsync"/> then returns once the calls have ended (or the drain timeout
/// passed), and <see cref="DisposeAsync"/> stops as always. DATA/serve.pid names this process while it serves.
/// </remarks>
public sealed class IvrServer : IAsyncDisposable
{
    private readonly StartedParts _parts;
    private readonly Action<string> _log;
    private readonly ServerDrain _drain;
    private readonly TimeSpan _drainTimeout;
    private readonly Task _faxes;
    private readonly LiveCalls _live;
    private int _stopped;

    private IvrServer(StartedParts parts, Action<string> log, ServerDrain drain, TimeSpan drainTimeout, Task faxes, LiveCalls live)
    {
        _parts = parts;
        _log = log;
        _drain = drain;
        _drainTimeout = drainTimeout;
        _faxes = faxes;
        _live = live;
    }

    /// <summary>The one clock of calls, back end, database, console and SIP: the system's, or one running from --clock-start.</summary>
    public required TimeProvider Clock { get; init; }

    /// <summary>The flow set serving (reloaded when the flows or prompts folders change).</summary>
    public required FlowSetHost Flows { get; init; }

    /// <summary>The back end the flows' lookup nodes call.</summary>
    public required ILookupService Lookups { get; init; }

    /// <summary>Where SIP listens (UDP; TCP on the same port).</summary>
    public IPEndPoint SipEndPoint => Sip.EndPoint;

    /// <summary>The operations console's address; null with --no-console.</summary>
    public required Uri? ConsoleAddress { get; init; }

    public int ActiveCalls => Sip.ActiveCalls;

    /// <summary>Whether the node is draining: new calls and OPTIONS get 503, calls in progress go on, then it stops.</summary>
    public bool Draining => _drain.IsDraining;

    /// <summary>Starts the drain (see <see cref="ServerDrain"/>); false when it had begun already.</summary>
    /// <param name="reason">Who asked, for the log.</param>
    public bool BeginDrain(string reason) => _drain.Begin(reason);

    /// <summary>The node's Prometheus metrics (served on the console's /metrics and on --metrics-port); a drain sets <see cref="IvrMetrics.Draining"/>.</summary>
    public required IvrMetrics Metrics { get; init; }

    /// <summary>The listener serving only /metrics (--metrics-port); null without it.</summary>
    public Uri? MetricsAddress { get; private init; }

    private SipFront Sip { get; init; } = null!;

    public static async Task<IvrServer> StartAsync(ServeOptions options, Action<string> log, CancellationToken cancellation)
    {
        var clock = ClockFor(options, log);
        var parts = new StartedParts(log);
        try
        {
            parts.AddDisposable("pid file", ServePidFile.Claim(options.Paths.Data, log));
            parts.AddDisposable("gen1 cap", Collections.Gen1Cap.Start(log));
            var drain = parts.AddDisposable("drain", new ServerDrain(clock, log));
            var files = OperatorFiles.Load(options, log);
            var database = OpenDatabase(options.Paths, clock, log);
            var hashKey = await OpenHashKeyAsync(options.Paths, database, clock, log, cancellation);
            var flows = parts.AddDisposable("flow watcher", new FlowSetHost(options.Paths.Flows, options.Paths.Prompts, KnownOperations.All, clock, log));
            var follower = await StartFlowsAsync(options, database, flows, parts, clock, log, cancellation);
            var workbench = new FlowWorkbench(flows, options.Paths.Flows, options.Paths.Prompts,
                Path.Combine(Ivr.Flows.Loading.FlowSetLoader.RepositoryRoot(options.Paths.Flows), "tests", "replay"),
                follower is null ? null : (by, token) => follower.PublishAsync(options.Paths.Flows, options.Paths.Prompts, by, token), log);
            var calendar = new ServingCalendar(() => flows.Current);
            await NodePresence.ClaimAsync(options, database, flows, clock, log, cancellation);
            var recorder = parts.Add("call recorder", new SqliteCallRecorder(database, log, node: options.NodeId));
            parts.Add("statistics rollups", RollupCatchUpLoop.Start(database, clock, log));
            var metrics = new IvrMetrics(KnownOperations.All);
            var live = new LiveCalls(new CountingCallRecorder(recorder, metrics));
            var spool = new CallerRequestSpool(Path.Combine(options.Paths.Data, "spool", "voice_messages"), log);
            parts.Add("caller-request spool", new SpoolFlusher(spool, database, clock, log));
            var service = new ServiceLookupService(database, clock, calendar.CountWorkingDays,
                log: log, fax: files.Fax, faxDocuments: new FaxDocumentSource(() => flows.Current), spool: spool, pinThrottles: PinAlertPaging.Rules(files.Alerts), hashKey: hashKey);
            PinAlertPaging.Start(database, files.Alerts, parts, clock, log);
            var handoffs = new Ivr.Data.Handoffs.HandoffTokenStore(database, clock);
            var lookups = new MeasuredLookupService(new Assist.AssistLookups(service, files.Queues, handoffs, log), metrics, clock);
            var switches = parts.Add("switches", new SwitchBoard(database, clock, log));
            var flagIndex = await CallerFlagFollower.StartAsync(database, parts, clock, log, cancellation);
            await switches.StartRefreshing(TimeSpan.FromSeconds(1), cancellation);
            var calls = new TelephonyCalls(new CallFactory(flows, new CallServices(clock, lookups, live, switches)), log,
                new CallerFlagLookup(database, clock, log, flagIndex).ReasonFor, options.Limits.Proxies, files.Queues?.TrustedPbx,
                new Assist.AssistSenders(files.Queues?.TrustedPbx, log));
            var editor = new EditorServices(switches, new ServedPromptAudio(options.Paths.Prompts),
                new TryCallBackend(parts.Add("try-call back end", new TryCallDemoBackend()).Lookups),
                EspeakSynthesizer.IsInstalled ? new EspeakSynthesizer() : null);
            await RecordFlowHistoryAsync(database, flows, clock, log, cancellation);
            await RecordingRecovery.RunAsync(options.RecordingsFolder, new IncompleteMessages(database, clock, calendar.CountWorkingDays), log, cancellation);
            var console = options.Console
                ? parts.Add("operations console", await ConsoleStart.StartAsync(options, database, live, flows, drain, metrics, files.Alerts, workbench, editor,
                    clock, log, cancellation))
                : null;
            foreach (var (number, flow) in flows.Current!.Routes)
                log($"answering {(number == "*" ? "any other number" : number)} with flow '{flow}'");

            var sip = SipFront.Start(options, files, calls, flows, metrics, parts, clock, log, handoffs);
            metrics.NodeId = options.NodeId;
            drain.Begun.Register(sip.Drain);
            drain.Begun.Register(() => metrics.Draining = true);
            metrics.Readings.Watch(new ServerReadings.Sources
            {
                CallsUp = () => live.Count, RecordsDropped = () => recorder.Dropped, RecorderErrors = () => recorder.Failed + recorder.Unavailable,
                LookupDatabaseErrors = () => service.Failures, FlowVersion = () => flows.Current?.Version, PacingLateness = sip.Playout.Lateness,
                PacingSendJitter = sip.Playout.SendJitter, PacingBursts = sip.Playout.Bursts, PacingStreams = sip.Playout.StreamsPerThread,
                SipDrops = sip.Drops,
            });
            var metricsOnly = await MetricsStart.StartAsync(options, metrics, parts, log, cancellation);
            var faxes = new CancellationTokenSource();
            var faxQueue = parts.Add("scheduled faxes", FaxScheduling.Start(database, flows, files.Fax, sip.FaxDialer(log), clock, log, options.NodeId, faxes.Token, drain.Begun), async queue =>
            {
                await faxes.CancelAsync();
                await queue;
                faxes.Dispose();
            });
            Maintenance.MaintenanceParts.Start(options, database, hashKey, parts, clock, log);
            parts.Add("node heartbeat", await NodePresence.StartHeartbeatAsync(options, sip.EndPoint.Port, database, live, flows,
                draining: () => drain.IsDraining, clock, log));
            log($"SIP on {options.Bind?.ToString() ?? "every interface"}:{sip.EndPoint.Port} (UDP and TCP){(sip.TlsEndPoint is { } tls ? $", TLS on port {tls.Port}" : "")}{(options.Secure.Srtp == Ivr.Sip.Sdp.SrtpPolicy.Off ? "" : $", SRTP {options.Secure.Srtp.ToString().ToLowerInvariant()}")}, written as {options.Address}, RTP ports {options.RtpPortMin}-{options.RtpPortMax}, at most {options.MaxCalls} calls paced by {options.PacingThreads} thread{(options.PacingThreads == 1 ? "" : "s")}; call sip:12333@{options.Address}:{sip.EndPoint.Port}");
            if (options.RtpRangeWarning() is { } rtpWarning) log(rtpWarning);
            log($"watching {options.Paths.Flows} and {options.Paths.Prompts}");
            return new IvrServer(parts, log, drain, options.DrainTimeout, faxQueue, live)
            {
                Clock = clock, Flows = flows, Lookups = lookups, Sip = sip, ConsoleAddress = console?.Address, Metrics = metrics,
                MetricsAddress = metricsOnly?.Address,
            };
        }
        catch
        {
            await parts.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Serves until <paramref name="stopNow"/> is cancelled (Ctrl+C, a second SIGTERM), or until a drain has let every
    /// call end (a fax being sent included) or its timeout has passed; then dispose to stop. A call counts as ended once
    /// its SIP dialog is over and its flow has recorded its end (so the record is complete before the recorder stops).
    /// </summary>
    public async Task RunAsync(CancellationToken stopNow)
    {
        var stop = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var drain = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using (stopNow.Register(() => stop.TrySetResult()))
        await using (_drain.Begun.Register(() => drain.TrySetResult()))
        {
            await Task.WhenAny(stop.Task, drain.Task);
        }

        if (stopNow.IsCancellationRequested) return;
        await _drain.WaitAsync(() => ActiveCalls, () => _live.Count > 0 || !_faxes.IsCompleted, _drainTimeout, stopNow);
    }

    /// <summary>Stops every part in reverse order of start; calls still up are ended with a BYE.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1) return;
        _log($"stopping; {ActiveCalls} calls still up are ended");
        await _parts.DisposeAsync();
        _log("stopped");
    }

    private static TimeProvider ClockFor(ServeOptions options, Action<string> log)
    {
        if (options.ClockStart is not { } start) return TimeProvider.System;
        log($"calls see time running from {start:yyyy-MM-dd HH:mm:ss zzz} (--clock-start)");
        return ShiftedTimeProvider.StartingAt(start);
    }

    private static IvrDatabase OpenDatabase(Cli.IvrPaths paths, TimeProvider clock, Action<string> log)
    {
        IvrDatabase database;
        try
        {
            Directory.CreateDirectory(paths.Data);
            database = paths.OpenDatabase();
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            throw new ServerStartException($"database: {ex.Message}");
        }

        log($"database {database.Path} ready{(database.AppliedNow.Count > 0 ? $" (applied migrations {string.Join(", ", database.AppliedNow)})" : "")}");
        if (database.RestoredNow.Count > 0) log($"database: made again what an interrupted bulk load had dropped: {string.Join(", ", database.RestoredNow)}");
        if (database.AppliedNow.Contains(1))
        {
            // A brand-new database: put the documented demo identities in, so a softphone can try the service at once.
            Ivr.Data.Seeding.DemoSeeder.Seed(database, 0, 12333, Ivr.Data.Seeding.SeedOptions.Today(clock));
            log("new database: seeded the 6 demo identities listed in the README (tools/ivr db seed adds synthetic people)");
        }

        return database;
    }

    /// <summary>The deployment's hash key (<see cref="Secrets.DeploymentHashKey"/>); a refused one stops the start.</summary>
    private static async Task<Ivr.Data.Security.HashKey> OpenHashKeyAsync(Cli.IvrPaths paths, IvrDatabase database, TimeProvider clock, Action<string> log,
        CancellationToken cancellation)
    {
        try
        {
            return await Secrets.DeploymentHashKey.OpenAsync(paths, database, clock, log, cancellation);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            throw new ServerStartException($"hash key: {ex.Message}");
        }
    }

    /// <summary>One node (SQLite): the flow folders, watched and reloaded. Cluster mode (PostgreSQL): the flow set
    /// published in the database, followed as it changes (<see cref="PublishedFlowSetFollower"/>).</summary>
    /// <returns>The follower of the published flow set in cluster mode; null on one node.</returns>
    private static async Task<PublishedFlowSetFollower?> StartFlowsAsync(ServeOptions options, IvrDatabase database, FlowSetHost flows, StartedParts parts,
        TimeProvider clock, Action<string> log, CancellationToken cancellation)
    {
        if (database.Dialect != DatabaseDialect.PostgreSql)
        {
            if (!flows.Reload()) throw new ServerStartException("no valid flow set: fix the errors above (ivr validate) and start again");
            flows.Watch();
            return null;
        }

        try
        {
            return parts.Add("published flow sets", await PublishedFlowSetFollower.StartAsync(database, flows, options.Paths.Flows, options.Paths.Prompts,
                options.Paths.Data, $"node {Environment.MachineName}", options.WatchFlows, KnownOperations.All, clock, log, cancellation));
        }
        catch (InvalidOperationException ex)
        {
            throw new ServerStartException(ex.Message);
        }
    }

    /// <summary>Notes the version serving now and each one swapped in later, for the console's flow history.</summary>
    private static async Task RecordFlowHistoryAsync(IvrDatabase database, FlowSetHost flows, TimeProvider clock,
        Action<string> log, CancellationToken cancellation)
    {
        var history = new FlowHistory(database, () => flows.CurrentFlowsFolder, clock, log, () => flows.CurrentPromptsFolder);
        await history.RecordAsync(flows.Current!, cancellation);
        flows.Swapped += set => _ = history.RecordAsync(set, CancellationToken.None);
    }
}
