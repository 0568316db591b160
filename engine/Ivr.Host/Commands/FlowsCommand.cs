using Ivr.Data.FlowSets;
using Ivr.Host.Hosting;

namespace Ivr.Host.Commands;

/// <summary><c>ivr flows publish|list|activate</c>: the flow sets every node of a cluster serves from the database.</summary>
public sealed class FlowsCommand : CommandBase
{
    public override string Name => "flows";

    public override string Summary => "cluster flow sets: 'flows publish', 'flows list', 'flows activate VERSION'";

    public override string Usage => $"""
        usage: ivr flows publish [--by NAME] [options]
               ivr flows list [options]
               ivr flows activate VERSION [--by NAME] [options]

        publish    validates the flows and prompts folders (with the fax documents beside them) and, when valid,
                   stores them in the database and makes them the version every node serves: nodes on
                   PostgreSQL load it within a second; calls already up keep the version they started with.
        list       the published versions, newest first, the active one marked.
        activate   serves an earlier published version again (a rollback).

          --by NAME        who publishes, kept with the version (default: the user name)
        {IvrPaths.Help}
        """;

    protected override IReadOnlyCollection<string> ValuedOptions => [.. IvrPaths.Options, "by"];

    protected override async Task<int> RunAsync(CommandLine line, CancellationToken cancellation)
    {
        var paths = IvrPaths.From(line);
        var by = line.Get("by", Environment.UserName);
        var verb = line.Positional.FirstOrDefault() ?? throw new UsageException("say which: publish, list or activate");
        if (verb is not ("publish" or "list" or "activate")) throw new UsageException($"unknown verb '{verb}'; the verbs are publish, list and activate");
        Directory.CreateDirectory(paths.Data);
        var store = new PublishedFlowSetStore(paths.OpenDatabase());
        switch (verb)
        {
            case "publish":
                var cache = new FlowSetCache(Path.Combine(paths.Data, "flowsets"));
                var result = await new FlowSetPublisher(store, cache, KnownOperations.All, TimeProvider.System).PublishAsync(paths.Flows, paths.Prompts, by, cancellation);
                foreach (var diagnostic in result.Load.Diagnostics) Console.Error.WriteLine(diagnostic);
                if (result.Outcome is not { } outcome)
                {
                    Console.Error.WriteLine($"not published: {result.Load.Errors.Count()} errors");
                    return 1;
                }

                Console.WriteLine(outcome.WasActive
                    ? $"version {outcome.Version} is already the active one"
                    : $"published version {outcome.Version}{(outcome.NewVersion ? "" : " (stored before)")}; {outcome.NewBlobs} new files stored; every node serves it now");
                return 0;
            case "list":
                var active = await store.ActiveAsync(cancellation);
                foreach (var set in await store.ListAsync(cancellation))
                    Console.WriteLine($"{(set.Version == active ? "*" : " ")} {set.Version}  {set.PublishedAt:yyyy-MM-dd HH:mm:ss zzz}  {set.Files,4} files  {set.Bytes / 1024,6} KiB  by {set.PublishedBy}");
                return 0;
            default:
                var version = line.Positional.Skip(1).FirstOrDefault() ?? throw new UsageException("say which version: ivr flows activate VERSION (ivr flows list shows them)");
                if (!await store.ActivateAsync(version, by, TimeProvider.System.GetUtcNow(), cancellation))
                {
                    Console.Error.WriteLine($"version {version} was never published (ivr flows list shows them)");
                    return 1;
                }

                Console.WriteLine($"version {version} is active; every node serves it now");
                return 0;
        }
    }
}
