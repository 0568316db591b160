using Ivr.Runtime.Replay;

namespace Ivr.Runtime.Tests.Replay;

public sealed class FlowCoverageTests : IDisposable
{
    private readonly ReplayFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    private ReplayResult Run(string name, string yaml) =>
        new ReplayRunner(_fixture.Set).Run(ReplayScriptReader.Read(_fixture.Script(name, yaml)));

    [Fact]
    public void Rows_OneScript_CountsNodesAndEdgesIncludingRetries()
    {
        var coverage = new FlowCoverage(_fixture.Set);
        var result = Run("ok.yaml", ReplayRunnerTests.PensionOk);
        Assert.True(result.Passed, result.Failure);

        coverage.Add(result.Events);

        var row = Assert.Single(coverage.Rows);
        Assert.Equal("main", row.Flow);
        // Entered: welcome, menu, ask_id, find, tell, bye — of 11 nodes.
        Assert.Equal((6, 11), (row.NodesCovered, row.Nodes));
        // 19 edges: welcome 1, menu 7 (1 2 3 invalid no_input failed back), ask_id 4, find 3, tell 1, not_found 1, agent 1, message 1.
        // Taken: welcome→, menu 1, menu invalid (the retry), ask_id→, find ok, tell→.
        Assert.Equal((6, 19), (row.EdgesCovered, row.Edges));
        Assert.Contains("main.agent", row.MissedNodes);
        Assert.DoesNotContain("main.menu --invalid-->", row.MissedEdges);
        Assert.Contains("main.menu --no_input-->", row.MissedEdges);
        Assert.Contains("main.find --not_found-->", row.MissedEdges);
        Assert.Equal(100.0 * 12 / 30, row.Percent, 6);
    }

    [Fact]
    public void Rows_SeveralScripts_AddUp()
    {
        var coverage = new FlowCoverage(_fixture.Set);
        coverage.Add(Run("ok.yaml", ReplayRunnerTests.PensionOk).Events);
        var before = coverage.Total;

        coverage.Add(Run("silence.yaml", """
            lookups:
              pension.summary: not_found
            steps:
              - press: "1"
              - wait: 6s
              - press: "{id_number}"
              - expect: [welcome, menu_main, enter_id, no_input, enter_id, not_found, enter_id]
            """).Events);

        var after = coverage.Total;
        Assert.Equal(before.NodesCovered + 1, after.NodesCovered); // not_found
        // ask_id no_input, find not_found, not_found → ask_id
        Assert.Equal(before.EdgesCovered + 3, after.EdgesCovered);
        Assert.Contains("main.ask_id --failed-->", after.MissedEdges);
    }

    [Fact]
    public void Total_NoCalls_CoversNothing()
    {
        var total = new FlowCoverage(_fixture.Set).Total;

        Assert.Equal(("total", 0, 11, 0, 19), (total.Flow, total.NodesCovered, total.Nodes, total.EdgesCovered, total.Edges));
        Assert.Equal(0, total.Percent);
    }
}
