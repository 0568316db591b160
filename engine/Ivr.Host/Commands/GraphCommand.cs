using System.Diagnostics;
using Ivr.Flows.Graph;
using Ivr.Flows.Loading;

namespace Ivr.Host.Commands;

public sealed class GraphCommand : CommandBase
{
    public override string Name => "graph";

    public override string Summary => "draw a flow as Mermaid text, SVG or PNG";

    public override string Usage => $"""
        usage: ivr graph FLOW [--format mermaid|dot|svg|png] [--output FILE]

        Draws the flow FLOW (its name, e.g. main): nodes with their kind, edges with the key or
        outcome that takes them. mermaid and dot print text; svg and png need Graphviz (dot)
        and are written to --output (default FLOW.svg / FLOW.png).

          --format F       mermaid (default), dot, svg or png
          --output FILE    where to write (default: standard output for text)
        {IvrPaths.Help}
        """;

    protected override IReadOnlyCollection<string> ValuedOptions => [.. IvrPaths.Options, "format", "output"];

    protected override async Task<int> RunAsync(CommandLine line, CancellationToken cancellation)
    {
        if (line.Positional.Count != 1) throw new UsageException("name one flow");
        var format = line.Get("format", "mermaid");
        if (format is not ("mermaid" or "dot" or "svg" or "png")) throw new UsageException($"unknown format '{format}'");
        var paths = IvrPaths.From(line);
        var loaded = FlowSetLoader.Load(paths.Flows, paths.Prompts, KnownOperations.All);
        if (!loaded.Succeeded)
        {
            foreach (var d in loaded.Errors) Console.Error.WriteLine(d);
            return 1;
        }

        if (!loaded.Set!.Flows.TryGetValue(line.Positional[0], out var flow))
        {
            Console.Error.WriteLine($"no flow named '{line.Positional[0]}'; flows: {string.Join(", ", loaded.Set.Flows.Keys.Order())}");
            return 1;
        }

        var output = line.Get("output");
        if (format is "mermaid" or "dot")
        {
            var text = format == "mermaid" ? FlowGraph.ToMermaid(flow) : FlowGraph.ToDot(flow);
            if (output is null) Console.Write(text);
            else await File.WriteAllTextAsync(output, text, cancellation);
            return 0;
        }

        output ??= $"{flow.Name}.{format}";
        return await RenderAsync(FlowGraph.ToDot(flow), format, output, cancellation);
    }

    private static async Task<int> RenderAsync(string dot, string format, string output, CancellationToken cancellation)
    {
        Process process;
        try
        {
            process = Process.Start(new ProcessStartInfo("dot", ["-T" + format, "-o", output])
            {
                RedirectStandardInput = true,
                RedirectStandardError = true,
            })!;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            Console.Error.WriteLine("Graphviz is not installed: apt-get install graphviz (or use --format mermaid)");
            return 1;
        }

        await process.StandardInput.WriteAsync(dot);
        process.StandardInput.Close();
        var errors = await process.StandardError.ReadToEndAsync(cancellation);
        await process.WaitForExitAsync(cancellation);
        if (process.ExitCode != 0)
        {
            Console.Error.WriteLine($"dot failed: {errors.Trim()}");
            return 1;
        }

        Console.WriteLine($"wrote {output}");
        return 0;
    }
}
