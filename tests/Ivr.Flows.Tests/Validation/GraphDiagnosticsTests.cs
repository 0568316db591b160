using Ivr.Flows.Tests.Support;

namespace Ivr.Flows.Tests.Validation;

public class GraphDiagnosticsTests
{
    [Fact]
    public void Load_NodeNothingLeadsTo_WarnsUnreachable()
    {
        using var folder = new FlowFolder().Write("main.yaml", """
            flow: main
            start: bye
            nodes:
              bye: { kind: hangup }
              lonely: { kind: play, prompts: welcome, next: bye }
            """);

        Assert.Equal(
            ["flows/main.yaml:5:3: warning: node 'lonely' is never reached: nothing leads to it from the start (bye) or from another flow; link it from a node or remove it"],
            folder.Problems());
    }

    [Fact]
    public void Load_NodeReachedOnlyFromAnotherFlow_IsReachable()
    {
        using var folder = new FlowFolder()
            .Write("main.yaml", "flow: main\nstart: hello\nnodes:\n  hello: { kind: play, prompts: welcome, next: other.middle }\n")
            .Write("other.yaml", "flow: other\nstart: first\nnodes:\n  first: { kind: hangup }\n  middle: { kind: hangup }\n");

        Assert.Empty(folder.Problems());
    }

    [Fact]
    public void Load_NodesThatCanNeverEnd_AreDeadEnds()
    {
        using var folder = new FlowFolder().Write("main.yaml", """
            flow: main
            start: ask
            nodes:
              ask: { kind: menu, prompt: menu, options: { "1": ask }, on_fail: ask }
            """);

        Assert.Contains("flows/main.yaml:4:3: error: dead end: from menu 'ask' no path leads to a hangup, transfer or return, so the call could never end; lead one of its branches to one", folder.Problems());
    }

    [Fact]
    public void Load_LoopThatNeverWaits_CanRunForever()
    {
        using var folder = new FlowFolder().Write("main.yaml", """
            flow: main
            start: ask
            defaults: { on_fail: bye }
            nodes:
              ask: { kind: menu, prompt: menu, options: { "1": fetch } }
              fetch: { kind: lookup, operation: op, on: { ok: bye, error: sorry } }
              sorry: { kind: play, prompts: wait, next: again }
              again: { kind: goto, target: fetch }
              bye: { kind: hangup }
            """);

        Assert.Equal(
            ["flows/main.yaml:6:3: error: this loop can run forever: fetch → sorry → again → fetch never waits for the caller; put a menu or collect on it, or count the rounds with a set node (tries: tries + 1) and leave through a branch (when: tries >= 3)"],
            folder.Problems());
    }

    [Fact]
    public void Load_LoopWithCounterAndBranch_IsBounded()
    {
        using var folder = new FlowFolder().Write("main.yaml", """
            flow: main
            start: reset
            defaults: { on_fail: bye }
            nodes:
              reset: { kind: set, values: { tries: "0" }, next: fetch }
              fetch: { kind: lookup, operation: op, on: { ok: bye, error: count } }
              count: { kind: set, values: { tries: "tries + 1" }, next: enough }
              enough:
                kind: branch
                cases:
                  - when: tries >= 3
                    then: bye
                else: fetch
              bye: { kind: hangup }
            """);

        Assert.Empty(folder.Problems());
    }

    [Fact]
    public void Load_BranchTestingAVariableTheLoopNeverChanges_StillRunsForever()
    {
        using var folder = new FlowFolder().Write("main.yaml", """
            flow: main
            start: reset
            nodes:
              reset: { kind: set, values: { tries: "0", other: "0" }, next: count }
              count: { kind: set, values: { other: "other + 1" }, next: enough }
              enough:
                kind: branch
                cases:
                  - when: tries >= 3
                    then: bye
                else: count
              bye: { kind: hangup }
            """);

        Assert.Contains(folder.Problems(), p => p.StartsWith("flows/main.yaml:5:3: error: this loop can run forever: count → enough → count", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_LoopThroughAMenu_IsFine()
    {
        using var folder = new FlowFolder().Write("main.yaml", """
            flow: main
            start: ask
            defaults: { on_fail: bye }
            nodes:
              ask: { kind: menu, prompt: menu, options: { "1": info, "2": bye } }
              info: { kind: play, prompts: welcome, next: ask }
              bye: { kind: hangup }
            """);

        Assert.Empty(folder.Problems());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(11)]
    public void Load_MaxTriesOutOfBounds_IsAnUnboundedRetry(int tries)
    {
        using var folder = new FlowFolder().Write("main.yaml", $$"""
            flow: main
            start: ask
            defaults: { on_fail: bye, max_tries: {{tries}} }
            nodes:
              ask: { kind: menu, prompt: menu, options: { "1": bye }, max_tries: {{tries}} }
              bye: { kind: hangup }
            """);

        var problems = folder.Problems();

        Assert.Equal(2, problems.Count);
        Assert.Equal($"flows/main.yaml:3:38: error: defaults: 'max_tries' must be a whole number from 1 to 10, not '{tries}'; a caller who keeps failing must be let go after a few tries (the hotline uses 3)", problems[0]);
        Assert.StartsWith($"flows/main.yaml:5:70: error: menu 'ask': 'max_tries' must be a whole number from 1 to 10", problems[1]);
    }
}
