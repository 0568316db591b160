using System.Diagnostics;
using Ivr.Flows.Graph;
using Ivr.Flows.Loading;
using Ivr.Flows.Model;
using Ivr.Flows.Tests.Support;

namespace Ivr.Flows.Tests.Graph;

public class FlowGraphTests
{
    private static readonly string Folder = Path.Combine(RepoPaths.Fixtures, "graph");

    private static Flow MainFlow()
    {
        var result = FlowSetLoader.Load(Folder, RepoPaths.ExamplePrompts);
        Assert.Empty(result.Errors);
        return result.Set!.Flows["main"];
    }

    private static string Golden(string file) => File.ReadAllText(Path.Combine(Folder, file)).ReplaceLineEndings("\n");

    [Fact]
    public void ToMermaid_Fixture_MatchesGolden() => Assert.Equal(Golden("main.mmd"), FlowGraph.ToMermaid(MainFlow()));

    [Fact]
    public void ToDot_Fixture_MatchesGolden() => Assert.Equal(Golden("main.dot"), FlowGraph.ToDot(MainFlow()));

    [Fact]
    public void ToDot_EdgesToOtherFlows_EndAtFlowDotNode()
    {
        var dot = FlowGraph.ToDot(MainFlow());

        Assert.Contains("\"auth\" -> \"other.sorry\" [label=\"failed\"];", dot);
        Assert.Contains("\"auth\" -> \"authentication.done\" [label=\"call\", style=dashed];", dot);
        Assert.Contains("\"other.sorry\" [style=dashed];", dot);
    }

    [Fact]
    public void ToDot_EveryExampleFlow_RendersWithGraphviz()
    {
        if (!File.Exists("/usr/bin/dot")) return; // Graphviz is optional on developer machines; CI images have it.
        var set = FlowSetLoader.Load(RepoPaths.Examples, RepoPaths.ExamplePrompts, RepoPaths.ExampleOperations).Set!;
        foreach (var flow in set.Flows.Values)
        {
            var start = new ProcessStartInfo("/usr/bin/dot", "-Tsvg") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
            using var dot = Process.Start(start)!;
            dot.StandardInput.Write(FlowGraph.ToDot(flow));
            dot.StandardInput.Close();
            var svg = dot.StandardOutput.ReadToEnd();
            var errors = dot.StandardError.ReadToEnd();
            dot.WaitForExit();

            Assert.True(dot.ExitCode == 0, $"{flow.Name}: {errors}");
            Assert.Contains("<svg", svg);
        }
    }

    [Fact]
    public void ToMermaid_EveryNodeAndEdge_Appears()
    {
        var set = FlowSetLoader.Load(RepoPaths.Examples, RepoPaths.ExamplePrompts, RepoPaths.ExampleOperations).Set!;
        var main = set.Flows["main"];

        var mermaid = FlowGraph.ToMermaid(main);

        Assert.StartsWith("flowchart TD\n", mermaid);
        foreach (var node in main.Nodes.Values) Assert.Contains($"\"{node.Name}<br/>{node.Kind.ToString().ToLowerInvariant()}\"", mermaid);
        var edges = main.Nodes.Values.Sum(n => n.Transitions.Count(t => t.Target is not null));
        Assert.Equal(edges + 1, mermaid.Split('\n').Count(l => l.Contains("-->", StringComparison.Ordinal)));
    }
}
