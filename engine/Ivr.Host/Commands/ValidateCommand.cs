using Ivr.Flows.Loading;

namespace Ivr.Host.Commands;

public sealed class ValidateCommand : CommandBase
{
    public override string Name => "validate";

    public override string Summary => "check flows, calendar, routes and prompts; one diagnostic per line";

    public override string Usage => $"""
        usage: ivr validate [DIR] [options]

        Loads the flow set in DIR (default: flows) with its prompts and reports every problem,
        one per line as PATH:LINE:COL: error|warning: message. Exit 0 when there is no error
        (warnings allowed), 1 when there is.

        {IvrPaths.Help}
          --quiet          print errors only
        """;

    protected override IReadOnlyCollection<string> Switches => ["quiet"];

    protected override Task<int> RunAsync(CommandLine line, CancellationToken cancellation)
    {
        var paths = IvrPaths.From(line);
        var flows = line.Positional.Count > 0 ? line.Positional[0] : paths.Flows;
        var result = FlowSetLoader.Load(flows, paths.Prompts, KnownOperations.All, TimeProvider.System);
        foreach (var diagnostic in result.Diagnostics)
        {
            if (line.Has("quiet") && diagnostic.Severity != Flows.Validation.Severity.Error) continue;
            Console.WriteLine(diagnostic);
        }

        var errors = result.Errors.Count();
        var warnings = result.Warnings.Count();
        Console.Error.WriteLine(result.Succeeded
            ? $"ok: version {result.Set!.Version}, {result.Set.Flows.Count} flows, {result.Set.AllNodes.Count()} nodes, {result.Set.Prompts.Count} prompts ({warnings} warnings)"
            : $"{errors} errors, {warnings} warnings: nothing loaded");
        return Task.FromResult(result.Succeeded ? 0 : 1);
    }
}
