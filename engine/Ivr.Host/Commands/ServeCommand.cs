using Ivr.Host.Cli;
using Ivr.Host.Hosting;
using Ivr.Host.Serving;

namespace Ivr.Host.Commands;

/// <summary><c>ivr serve</c>: the options parsed into <see cref="ServeOptions"/>, the hotline run by <see cref="IvrServer"/>.</summary>
public sealed class ServeCommand : CommandBase
{
    public override string Name => "serve";

    public override string Summary => "run the hotline: load and watch flows, answer calls";

    public override string Usage => $"""
        usage: ivr serve [--sip-port P] [--address IP] [--rtp-ports MIN-MAX] [--trust LIST] [--max-calls N] [--queues FILE] [--trunk FILE] [--http-port P] [--http-bind IP] [--no-console] [--no-symmetric-rtp] [options]

        Opens (or creates) the database, loads and validates the flows, and keeps watching the
        flows and prompts folders: a valid change is live for new calls within a second, an
        invalid one is rejected with its diagnostics while the last good version keeps serving.
        Answers SIP calls (UDP and TCP on all interfaces) with the flow routed for the dialled
        number; G.711 audio over RTP, keys by RFC 4733, in-band tones or SIP INFO; recordings in
        DATA/recordings. Stop with Ctrl+C or SIGTERM: calls still up get a BYE, then every part
        stops in reverse order of start. Exits 1 when it cannot start (the log says why).

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
        {
            await server.RunAsync(cancellation);
        }

        return 0;
    }
}
