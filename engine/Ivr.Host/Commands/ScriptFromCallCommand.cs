using Ivr.Data;
using Ivr.Data.Calls;
using Ivr.Runtime.Replay;

namespace Ivr.Host.Commands;

public sealed class ScriptFromCallCommand : CommandBase
{
    public override string Name => "script-from-call";

    public override string Summary => "write a replay script from a recorded call, with its real timings";

    public override string Usage => $"""
        usage: ivr script-from-call CALL_ID [--output FILE]

        Turns a recorded call into a replay script: every prompt heard, every key with the caller's
        real timing, lookups as stubs with their recorded outcomes and outputs, transfers,
        recordings and the hang-up. Secure entries (IDs, PINs) become named
        placeholders (named after the node) to fill in a test-data file, never written in clear.

          --output FILE    write here instead of standard output
        {IvrPaths.Help}
        """;

    protected override IReadOnlyCollection<string> ValuedOptions => [.. IvrPaths.Options, "output"];

    protected override async Task<int> RunAsync(CommandLine line, CancellationToken cancellation)
    {
        if (line.Positional.Count != 1) throw new UsageException("name one call id (see ivr calls)");
        var paths = IvrPaths.From(line);
        if (!paths.DatabaseMayExist)
        {
            Console.Error.WriteLine($"no database at {paths.Database}");
            return 1;
        }

        var history = new SqliteCallHistory(paths.OpenDatabase());
        var call = history.Find(line.Positional[0]);
        if (call is null)
        {
            Console.Error.WriteLine($"no call '{line.Positional[0]}' (see ivr calls)");
            return 1;
        }

        var script = CallScriptWriter.Write(call, history.Events(call.CallId));
        if (line.Get("output") is { } output)
        {
            await File.WriteAllTextAsync(output, script, cancellation);
            Console.Error.WriteLine($"wrote {output}");
        }
        else
        {
            Console.Write(script);
        }

        return 0;
    }
}
