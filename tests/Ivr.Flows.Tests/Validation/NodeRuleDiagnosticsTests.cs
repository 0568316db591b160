using Ivr.Flows.Tests.Support;
using Ivr.Flows.Validation;

namespace Ivr.Flows.Tests.Validation;

public class NodeRuleDiagnosticsTests
{
    [Fact]
    public void Load_CollectLengthsTheCheckCannotPass_IsAnError()
    {
        using var folder = new FlowFolder().Write("main.yaml", """
            flow: main
            start: ask
            nodes:
              ask: { kind: collect, prompt: enter_id, into: id, max_length: 12, validate: "length:10|20", on_fail: bye, next: ok }
              ok: { kind: collect, prompt: enter_id, into: card, max_length: 16, validate: [cn-resident-id], on_fail: bye, next: bye }
              bye: { kind: hangup }
            """);

        Assert.Equal(
            ["flows/main.yaml:5:80: error: collect 'ok': check 'cn-resident-id' wants 18 digits, but min_length/max_length allow 1 to 16; make them agree"],
            folder.Problems());
    }

    [Fact]
    public void Load_StarAsTerminatorAndStarAs_IsAnError()
    {
        using var folder = new FlowFolder().Write("main.yaml", """
            flow: main
            start: ask
            nodes:
              ask: { kind: collect, prompt: enter_id, into: id, terminator: "*", star_as: X, on_fail: bye, next: bye }
              bye: { kind: hangup }
            """);

        Assert.Equal(
            ["flows/main.yaml:4:65: error: collect 'ask': \"*\" cannot both end the entry (terminator) and stand for X (star_as); choose \"#\" as the terminator"],
            folder.Problems());
    }

    [Fact]
    public void Load_WaitPromptAfterTheTimeLimit_Warns()
    {
        using var folder = new FlowFolder().Write("main.yaml", """
            flow: main
            start: fetch
            nodes:
              fetch: { kind: lookup, operation: op, wait_prompt: wait, on: { ok: bye, error: bye } }
              bye: { kind: hangup }
            """);

        Assert.Equal(
            ["flows/main.yaml:4:54: warning: lookup 'fetch': wait_prompt is never played: wait_after (30s) is not shorter than time_limit (5s); shorten wait_after or lengthen time_limit"],
            folder.Problems());
    }

    [Fact]
    public void Load_TransferFailureVariable_IsKnownAfterATransfer()
    {
        using var folder = new FlowFolder().Write("main.yaml", """
            flow: main
            start: agent
            nodes:
              agent: { kind: transfer, queue: general, on_failure: why }
              why: { kind: set, values: { note: transfer_failure }, next: bye }
              bye: { kind: hangup }
            """);

        Assert.Empty(folder.Problems());
    }

    [Fact]
    public void Validate_ManyProblems_ComeSortedByPathLineColumn()
    {
        using var folder = new FlowFolder()
            .Write("b.yaml", "flow: b\nstart: x\nnodes:\n  x: { kind: hangup, linger: soon, disposition: Bad }\n")
            .Write("a.yaml", "flow: a\nstart: x\nnodes:\n  x: { kind: goto, target: nowhere }\n  y: { kind: hangup, lnger: 1s }\n");

        var diagnostics = FlowValidator.Validate(folder.FlowsPath, folder.PromptsPath).Where(d => !d.Message.Contains("no audio")).ToList();

        Assert.Equal(diagnostics.OrderBy(d => d.Path, StringComparer.Ordinal).ThenBy(d => d.Line).ThenBy(d => d.Column), diagnostics);
        Assert.True(diagnostics.Count >= 4);
        Assert.False(FlowValidator.IsValid(diagnostics));
        Assert.EndsWith("a.yaml", diagnostics[0].Path);
    }
}
