using System.Net;
using Ivr.Core.Lookups;
using Ivr.Data;
using Ivr.Data.Calls;
using Ivr.Data.Messages;
using Ivr.Data.Migrations;
using Ivr.Data.Services;
using Ivr.Host.Commands;
using Ivr.Host.Hosting;
using Ivr.Host.SipReplay;
using Ivr.OperationsConsole.Flows;
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
/// Cluster mode (issue 12) plugs in here: a heartbeat is one more started part after the SIP front, and a drain
/// (refuse new calls with 503, let calls end, then stop) runs at the top of <see cref="DisposeAsync"/>.
/// </remarks>
public sealed class IvrServer : IAsyncDisposable
{
    private readonly StartedParts _parts;
    private readonly Action<string> _log;
    private int _stopped;

    private IvrServer(StartedParts parts, Action<string> log)
    {
        _parts = parts;
        _log = log;
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

    private SipFront Sip { get; init; } = null!;

    public static async Task<IvrServer> StartAsync(ServeOptions options, Action<string> log, CancellationToken cancellation)
    {
        var clock = ClockFor(options, log);
        var parts = new StartedParts(log);
        try
        {
            var files = OperatorFiles.Load(options, log);
            var database = OpenDatabase(options.Paths, clock, log);
            var flows = parts.AddDisposable("flow watcher", new FlowSetHost(options.Paths.Flows, options.Paths.Prompts, KnownOperations.All, clock, log));
            await StartFlowsAsync(options, database, flows, parts, clock, log, cancellation);
            var recorder = parts.Add("call recorder", new SqliteCallRecorder(database, log));
            var live = new LiveCalls(recorder);
            var spool = new VoiceMessageSpool(Path.Combine(options.Paths.Data, "spool", "voice_messages"), log);
            parts.Add("voice-message spool", new SpoolFlusher(spool, database, clock, log));
            var lookups = new ServiceLookupService(database, clock, new ServingCalendar(() => flows.Current).AddWorkingDays,
                log: log, fax: files.Fax, faxDocuments: new FaxDocumentSource(() => flows.Current), spool: spool);
            var calls = new TelephonyCalls(new CallFactory(flows, new CallServices(clock, lookups, live)), log);
            await RecordFlowHistoryAsync(database, options.Paths, flows, clock, log, cancellation);
            var console = options.Console
                ? parts.Add("operations console", await ConsoleStart.StartAsync(options, database, live, flows, clock, log, cancellation))
                : null;
            foreach (var (number, flow) in flows.Current!.Routes)
                log($"answering {(number == "*" ? "any other number" : number)} with flow '{flow}'");

            var sip = SipFront.Start(options, files, calls, flows, parts, clock, log);
            var faxes = new CancellationTokenSource();
            parts.Add("scheduled faxes", FaxScheduling.Start(database, flows, files.Fax, sip.FaxDialer(log), clock, log, faxes.Token), async queue =>
            {
                await faxes.CancelAsync();
                await queue;
                faxes.Dispose();
            });
            log($"SIP on {options.Address}:{sip.EndPoint.Port} (UDP and TCP), RTP ports {options.RtpPortMin}-{options.RtpPortMax}, at most {options.MaxCalls} calls; call sip:12333@{options.Address}:{sip.EndPoint.Port}");
            log($"watching {options.Paths.Flows} and {options.Paths.Prompts}");
            return new IvrServer(parts, log) { Clock = clock, Flows = flows, Lookups = lookups, Sip = sip, ConsoleAddress = console?.Address };
        }
        catch
        {
            await parts.DisposeAsync();
            throw;
        }
    }

    /// <summary>Serves until <paramref name="cancellation"/> is cancelled (Ctrl+C, SIGTERM).</summary>
    public async Task RunAsync(CancellationToken cancellation)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, cancellation);
        }
        catch (OperationCanceledException)
        {
        }
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
        if (database.AppliedNow.Contains(1))
        {
            // A brand-new database: put the documented demo identities in, so a softphone can try the service at once.
            Ivr.Data.Seeding.DemoSeeder.Seed(database, 0, 12333, Ivr.Data.Seeding.SeedOptions.Today(clock));
            log("new database: seeded the 6 demo identities listed in the README (tools/ivr db seed adds synthetic people)");
        }

        return database;
    }

    /// <summary>One node (SQLite): the flow folders, watched and reloaded. Cluster mode (PostgreSQL): the flow set
    /// published in the database, followed as it changes (<see cref="PublishedFlowSetFollower"/>).</summary>
    private static async Task StartFlowsAsync(ServeOptions options, IvrDatabase database, FlowSetHost flows, StartedParts parts, TimeProvider clock,
        Action<string> log, CancellationToken cancellation)
    {
        if (database.Dialect != DatabaseDialect.PostgreSql)
        {
            if (!flows.Reload()) throw new ServerStartException("no valid flow set: fix the errors above (ivr validate) and start again");
            flows.Watch();
            return;
        }

        try
        {
            parts.Add("published flow sets", await PublishedFlowSetFollower.StartAsync(database, flows, options.Paths.Flows, options.Paths.Prompts,
                options.Paths.Data, $"node {Environment.MachineName}", options.WatchFlows, KnownOperations.All, clock, log, cancellation));
        }
        catch (InvalidOperationException ex)
        {
            throw new ServerStartException(ex.Message);
        }
    }

    /// <summary>Notes the version serving now and each one swapped in later, for the console's flow history.</summary>
    private static async Task RecordFlowHistoryAsync(IvrDatabase database, Cli.IvrPaths paths, FlowSetHost flows, TimeProvider clock,
        Action<string> log, CancellationToken cancellation)
    {
        var history = new FlowHistory(database, paths.Flows, clock, log);
        await history.RecordAsync(flows.Current!, cancellation);
        flows.Swapped += set => _ = history.RecordAsync(set, CancellationToken.None);
    }
}
