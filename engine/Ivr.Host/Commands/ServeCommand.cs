using Ivr.Data;
using Ivr.Data.Calls;
using Ivr.Data.Services;
using Ivr.Host.Cli;
using Ivr.Host.Hosting;

namespace Ivr.Host.Commands;

public sealed class ServeCommand : CommandBase
{
    public override string Name => "serve";

    public override string Summary => "run the hotline: load and watch flows, answer calls";

    public override string Usage => $"""
        usage: ivr serve [--sip-port P] [--http-port P] [options]

        Opens (or creates) the database, loads and validates the flows, and keeps watching the
        flows and prompts folders: a valid change is live for new calls within a second, an
        invalid one is rejected with its diagnostics while the last good version keeps serving.
        Stop with Ctrl+C.

          --sip-port P     SIP port, UDP and TCP (default 5060)
          --http-port P    operations console port (default 8080)
        {IvrPaths.Help}
        """;

    protected override IReadOnlyCollection<string> ValuedOptions => [.. IvrPaths.Options, "sip-port", "http-port"];

    protected override async Task<int> RunAsync(CommandLine line, CancellationToken cancellation)
    {
        var paths = IvrPaths.From(line);
        var sipPort = line.GetInt("sip-port", 5060, 1, 65535);
        var httpPort = line.GetInt("http-port", 8080, 1, 65535);
        Directory.CreateDirectory(paths.Data);
        var database = IvrDatabase.Open(paths.Database);
        ConsoleLog.Write($"database {paths.Database} ready{(database.AppliedNow.Count > 0 ? $" (applied migrations {string.Join(", ", database.AppliedNow)})" : "")}");

        using var flows = new FlowSetHost(paths.Flows, paths.Prompts, KnownOperations.All, TimeProvider.System, ConsoleLog.Write);
        if (!flows.Reload())
        {
            ConsoleLog.Write("no valid flow set: fix the errors above (ivr validate) and start again");
            return 1;
        }

        flows.Watch();
        await using var recorder = new SqliteCallRecorder(database, ConsoleLog.Write);
        var lookups = new ServiceLookupService(database, TimeProvider.System,
            flows.Current!.Calendar is { } calendar ? calendar.AddWorkingDays : null, log: ConsoleLog.Write);
        _ = new CallFactory(flows, new Runtime.Calls.CallServices(TimeProvider.System, lookups, recorder));
        foreach (var (number, flow) in flows.Current!.Routes)
            ConsoleLog.Write($"would answer {(number == "*" ? "any other number" : number)} with flow '{flow}'");
        ConsoleLog.Write($"SIP on port {sipPort} and the console on port {httpPort} arrive with the telephony and console issues; watching {paths.Flows} and {paths.Prompts}");

        try
        {
            await Task.Delay(Timeout.Infinite, cancellation);
        }
        catch (OperationCanceledException)
        {
        }

        ConsoleLog.Write("stopping");
        return 0;
    }
}
