using Ivr.Host.Hosting;
using Ivr.Host.Serving;

namespace Ivr.Host.Commands;

/// <summary>
/// <c>ivr serve</c>: the options parsed into <see cref="ServeOptions"/>, the hotline run by <see cref="IvrServer"/>;
/// with the process's <see cref="ShutdownSignals"/>, SIGTERM drains it.
/// </summary>
/// <param name="signals">Where SIGTERM is routed to a drain; null (tests in process): only the cancellation stops it.</param>
public sealed class ServeCommand(ShutdownSignals? signals = null) : CommandBase
{
    public override string Name => "serve";

    public override string Summary => "run the hotline: load and watch flows, answer calls";

    public override string Usage => $"""
        usage: ivr serve [--sip-port P] [--bind IP] [--address IP] [--node-id ID] [--rtp-ports MIN-MAX] [--trust LIST] [--max-calls N] [--queues FILE] [--trunk FILE] [--http-port P] [--http-bind IP] [--no-console] [--no-symmetric-rtp] [options]

        Opens (or creates) the database, loads and validates the flows, and keeps watching the
        flows and prompts folders: a valid change is live for new calls within a second, an
        invalid one is rejected with its diagnostics while the last good version keeps serving.
        Answers SIP calls (UDP and TCP on all interfaces, or on --bind IP) with the flow routed for the dialled
        number; G.711 audio over RTP, keys by RFC 4733, in-band tones or SIP INFO; recordings in
        DATA/recordings (or --recordings DIR shared by every node). SIGTERM (or 'ivr drain', or the console's button) drains: OPTIONS and new
        INVITEs get 503 with Retry-After, scheduled faxes claim no new job, calls in progress go on
        until they end or --drain-timeout passes (then they get a BYE); then it stops and exits 0.
        Ctrl+C, or a second SIGTERM, stops at once: calls still up get a BYE, then every part stops
        in reverse order of start. DATA/serve.pid names the process while it serves. Exits 1 when
        it cannot start (the log says why).

        {ServeOptions.Help}
        The console's first admin comes from IVR_ADMIN_USER and IVR_ADMIN_PASSWORD when no user exists yet
        (or 'ivr users add NAME --role admin'); there is no default password.
        {IvrPaths.Help}
        """;

    protected override IReadOnlyCollection<string> ValuedOptions => ServeOptions.Valued;

    protected override IReadOnlyCollection<string> Switches => ServeOptions.Switches;

    protected override async Task<int> RunAsync(CommandLine line, CancellationToken cancellation)
    {
        var options = ServeOptions.Parse(line);
        IvrServer server;
        try
        {
            server = await IvrServer.StartAsync(options, ConsoleLog.Write, cancellation);
        }
        catch (ServerStartException e)
        {
            ConsoleLog.Write(e.Message);
            return 1;
        }

        await using (server)
        using (signals?.DrainOnTerminate(() => server.BeginDrain("SIGTERM")))
        {
            await server.RunAsync(cancellation);
        }

        return 0;
    }
}
